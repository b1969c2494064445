CREATE TABLE "dashboard_booking_days" (
	"centre_id" uuid NOT NULL,
	"day" date NOT NULL,
	"service_id" uuid NOT NULL,
	"status" text NOT NULL,
	"count" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dashboard_booking_days_centre_id_day_service_id_status_pk" PRIMARY KEY("centre_id","day","service_id","status")
);
--> statement-breakpoint
CREATE TABLE "dashboard_days" (
	"centre_id" uuid NOT NULL,
	"day" date NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dashboard_days_centre_id_day_pk" PRIMARY KEY("centre_id","day")
);
--> statement-breakpoint
CREATE TABLE "dashboard_stale_days" (
	"centre_id" uuid NOT NULL,
	"day" date NOT NULL,
	"changes" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "dashboard_stale_days_centre_id_day_pk" PRIMARY KEY("centre_id","day")
);
--> statement-breakpoint
CREATE TABLE "dashboard_visit_days" (
	"centre_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"key" uuid NOT NULL,
	"visits" integer NOT NULL,
	"compliance_due" integer NOT NULL,
	"compliance_kept" integer NOT NULL,
	"waits" text NOT NULL,
	"cells" text NOT NULL,
	"services" text NOT NULL,
	"staffed_ms" double precision NOT NULL,
	"rated" integer NOT NULL,
	"performance" integer NOT NULL,
	"organisation" integer NOT NULL,
	"quality" integer NOT NULL,
	"satisfied" integer NOT NULL,
	CONSTRAINT "dashboard_visit_days_centre_id_day_kind_key_pk" PRIMARY KEY("centre_id","day","kind","key")
);
--> statement-breakpoint
ALTER TABLE "dashboard_booking_days" ADD CONSTRAINT "dashboard_booking_days_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_days" ADD CONSTRAINT "dashboard_days_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_stale_days" ADD CONSTRAINT "dashboard_stale_days_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_visit_days" ADD CONSTRAINT "dashboard_visit_days_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_booking_days_day_index" ON "dashboard_booking_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dashboard_days_day_index" ON "dashboard_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dashboard_visit_days_kind_key_day_index" ON "dashboard_visit_days" USING btree ("kind","key","day");