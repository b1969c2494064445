CREATE TABLE "centres" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"address" jsonb NOT NULL,
	"phone" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"time_zone" text NOT NULL,
	"weekly_hours" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "centres_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"open_hours" jsonb,
	"provisional" boolean DEFAULT false NOT NULL,
	CONSTRAINT "closures_kind" CHECK ("closures"."kind" IN ('holiday', 'closure'))
);
--> statement-breakpoint
CREATE TABLE "offerings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"capacity_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "offerings_slot" CHECK ("offerings"."slot_minutes" > 0),
	CONSTRAINT "offerings_capacity" CHECK ("offerings"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"letter" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"duration_minutes" integer NOT NULL,
	"documents" jsonb NOT NULL,
	"walk_ins" boolean DEFAULT false NOT NULL,
	"min_lead_minutes" integer DEFAULT 60 NOT NULL,
	"max_days_ahead" integer DEFAULT 60 NOT NULL,
	"per_person_limit" integer DEFAULT 1 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_code_unique" UNIQUE("code"),
	CONSTRAINT "services_duration" CHECK ("services"."duration_minutes" > 0),
	CONSTRAINT "services_window" CHECK ("services"."min_lead_minutes" >= 0 AND "services"."max_days_ahead" >= 0),
	CONSTRAINT "services_limit" CHECK ("services"."per_person_limit" >= 1),
	CONSTRAINT "services_letter" CHECK ("services"."letter" ~ '^[A-Z]$')
);
--> statement-breakpoint
CREATE TABLE "slot_loads" (
	"offering_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "slot_loads_offering_id_starts_at_pk" PRIMARY KEY("offering_id","starts_at"),
	CONSTRAINT "slot_loads_within_capacity" CHECK ("slot_loads"."booked" >= 0 AND "slot_loads"."booked" <= "slot_loads"."capacity")
);
--> statement-breakpoint
CREATE TABLE "special_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"weekly_hours" jsonb NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	CONSTRAINT "special_periods_range" CHECK ("special_periods"."starts_on" <= "special_periods"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_loads" ADD CONSTRAINT "slot_loads_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."offerings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_periods" ADD CONSTRAINT "special_periods_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closures_date_index" ON "closures" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "closures_centre_date" ON "closures" USING btree ("centre_id","date") WHERE "closures"."centre_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "closures_national_date" ON "closures" USING btree ("date") WHERE "closures"."centre_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "offerings_centre_service" ON "offerings" USING btree ("centre_id","service_id");--> statement-breakpoint
CREATE INDEX "special_periods_centre_id_ends_on_index" ON "special_periods" USING btree ("centre_id","ends_on");