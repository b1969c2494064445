CREATE INDEX "bookings_starts_at" ON "bookings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "feedback_visited_at" ON "feedback" USING btree ("visited_at");--> statement-breakpoint
CREATE INDEX "tickets_day" ON "tickets" USING btree ("day");