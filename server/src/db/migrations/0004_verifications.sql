CREATE TABLE "verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"subject_hash" text NOT NULL,
	"mobile_hash" text,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "verifications_purpose" CHECK ("verifications"."purpose" IN ('book', 'manage')),
	CONSTRAINT "verifications_attempts" CHECK ("verifications"."attempts" >= 0)
);
--> statement-breakpoint
CREATE INDEX "verifications_subject_hash_created_at_index" ON "verifications" USING btree ("subject_hash","created_at");