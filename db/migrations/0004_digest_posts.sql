CREATE TABLE "digest_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"digest_id" text NOT NULL,
	"surface" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"day" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"posting_started_at" timestamp with time zone NOT NULL,
	"upload_ref" text,
	"external_ref" text,
	"posted_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "digest_posts_channel_day_uq" ON "digest_posts" USING btree ("surface","workspace","channel","day");