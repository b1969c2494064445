CREATE TABLE "seat_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"entry_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"token_hash" text,
	"freed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"booking_id" uuid,
	CONSTRAINT "seat_holds_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "seat_holds_kind" CHECK ("seat_holds"."kind" IN ('offer', 'release')),
	CONSTRAINT "seat_holds_offer" CHECK (("seat_holds"."kind" = 'offer') = ("seat_holds"."entry_id" IS NOT NULL)),
	CONSTRAINT "seat_holds_status" CHECK ("seat_holds"."status" IN ('active', 'accepted', 'declined', 'expired', 'withdrawn', 'released', 'passed'))
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "waitlist_entries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"service_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"centre_ids" jsonb NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"times_of_day" jsonb NOT NULL,
	"status" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_mobile" text NOT NULL,
	"contact_email" text,
	"language" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"booking_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "waitlist_entries_status" CHECK ("waitlist_entries"."status" IN ('waiting', 'offered', 'booked', 'left')),
	CONSTRAINT "waitlist_entries_range" CHECK ("waitlist_entries"."from_date" <= "waitlist_entries"."to_date")
);
--> statement-breakpoint
CREATE TABLE "waitlist_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "slot_loads" DROP CONSTRAINT "slot_loads_within_capacity";--> statement-breakpoint
ALTER TABLE "slot_loads" ADD COLUMN "held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "seat_holds" ADD CONSTRAINT "seat_holds_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."offerings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_holds" ADD CONSTRAINT "seat_holds_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_holds" ADD CONSTRAINT "seat_holds_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_tokens" ADD CONSTRAINT "waitlist_tokens_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seat_holds_slot" ON "seat_holds" USING btree ("offering_id","starts_at");--> statement-breakpoint
CREATE INDEX "seat_holds_entry" ON "seat_holds" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "seat_holds_active" ON "seat_holds" USING btree ("expires_at") WHERE "seat_holds"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_one_active" ON "waitlist_entries" USING btree ("customer_id","service_id") WHERE "waitlist_entries"."status" IN ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "waitlist_entries_queue" ON "waitlist_entries" USING btree ("service_id","status","seq");--> statement-breakpoint
ALTER TABLE "slot_loads" ADD CONSTRAINT "slot_loads_within_capacity" CHECK ("slot_loads"."booked" >= 0 AND "slot_loads"."held" >= 0 AND "slot_loads"."booked" + "slot_loads"."held" <= "slot_loads"."capacity");