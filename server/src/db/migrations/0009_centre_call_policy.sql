ALTER TABLE "centres" ADD COLUMN "call_priority_first" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "walk_in_max_wait_minutes" integer DEFAULT 30 NOT NULL;