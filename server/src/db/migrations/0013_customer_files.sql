CREATE TABLE "customer_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"channel" text NOT NULL,
	"staff_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_consents_kind" CHECK ("customer_consents"."kind" IN ('sms_reminders', 'email', 'feedback_invitations')),
	CONSTRAINT "customer_consents_state" CHECK ("customer_consents"."state" IN ('given', 'withdrawn')),
	CONSTRAINT "customer_consents_channel" CHECK ("customer_consents"."channel" IN ('booking', 'counter', 'manage', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "customer_file_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"staff_id" uuid,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_file_access_reason" CHECK ("customer_file_access"."reason" IN ('counter_enquiry', 'complaint', 'data_subject_request', 'correction', 'audit'))
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_file_access" ADD CONSTRAINT "customer_file_access_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_consents_customer_id_at_index" ON "customer_consents" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_file_access_customer_id_at_index" ON "customer_file_access" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customers_mobile_index" ON "customers" USING btree ("mobile");