CREATE TABLE "counter_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"counter_id" uuid NOT NULL,
	"centre_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"staff_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hall_days" (
	"centre_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"last_sequence" integer DEFAULT 0 NOT NULL,
	"walk_ins" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hall_days_centre_id_service_id_day_pk" PRIMARY KEY("centre_id","service_id","day"),
	CONSTRAINT "hall_days_counts" CHECK ("hall_days"."last_sequence" >= 0 AND "hall_days"."walk_ins" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hall_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hall_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"centre_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ticket_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_id" uuid NOT NULL,
	"centre_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"counter_id" uuid,
	"staff_id" uuid,
	"actor_kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"letter" text NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"booking_id" uuid,
	"customer_id" uuid,
	"kind" text NOT NULL,
	"priority" text,
	"status" text NOT NULL,
	"appointment_at" timestamp with time zone,
	"issued_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"counter_id" uuid,
	"transferred_from" uuid,
	"live_token" text,
	CONSTRAINT "tickets_liveToken_unique" UNIQUE("live_token"),
	CONSTRAINT "tickets_status" CHECK ("tickets"."status" IN ('waiting', 'called', 'serving', 'served', 'no_show', 'transferred')),
	CONSTRAINT "tickets_kind" CHECK ("tickets"."kind" IN ('appointment', 'walk_in')),
	CONSTRAINT "tickets_priority" CHECK ("tickets"."priority" IS NULL OR "tickets"."priority" IN ('senior', 'disability', 'pregnancy'))
);
--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "walk_in_daily_capacity" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "check_in_early_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "check_in_late_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "counter_sessions" ADD CONSTRAINT "counter_sessions_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_sessions" ADD CONSTRAINT "counter_sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_days" ADD CONSTRAINT "hall_days_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_days" ADD CONSTRAINT "hall_days_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_counter_id_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "counter_sessions_one_open" ON "counter_sessions" USING btree ("counter_id") WHERE "counter_sessions"."closed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "counter_sessions_one_per_agent" ON "counter_sessions" USING btree ("staff_id") WHERE "counter_sessions"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "counter_sessions_centre_id_opened_at_index" ON "counter_sessions" USING btree ("centre_id","opened_at");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_id_created_at_index" ON "customer_notes" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "hall_events_centre_id_id_index" ON "hall_events" USING btree ("centre_id","id");--> statement-breakpoint
CREATE INDEX "hall_events_at_index" ON "hall_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "ticket_history_ticket_id_id_index" ON "ticket_history" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_history_centre_id_at_index" ON "ticket_history" USING btree ("centre_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_per_day" ON "tickets" USING btree ("centre_id","service_id","day","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_one_per_booking" ON "tickets" USING btree ("booking_id") WHERE "tickets"."booking_id" IS NOT NULL AND "tickets"."transferred_from" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_one_per_counter" ON "tickets" USING btree ("counter_id") WHERE "tickets"."status" IN ('called', 'serving');--> statement-breakpoint
CREATE INDEX "tickets_queue" ON "tickets" USING btree ("centre_id","status","service_id");--> statement-breakpoint
CREATE INDEX "tickets_centre_id_day_index" ON "tickets" USING btree ("centre_id","day");--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_walk_ins" CHECK ("offerings"."walk_in_daily_capacity" IS NULL OR "offerings"."walk_in_daily_capacity" >= 0);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_check_in" CHECK ("services"."check_in_early_minutes" >= 0 AND "services"."check_in_late_minutes" >= 0);--> statement-breakpoint
-- The ticket history is append-only, like the audit log: the KPIs are computed from it.
CREATE OR REPLACE FUNCTION ticket_history_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ticket_history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ticket_history_append_only BEFORE UPDATE OR DELETE ON ticket_history
  FOR EACH ROW EXECUTE FUNCTION ticket_history_refuse_change();
