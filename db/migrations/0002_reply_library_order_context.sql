CREATE TABLE "reply_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"intent" text NOT NULL,
	"lang" text NOT NULL,
	"variant" integer DEFAULT 0 NOT NULL,
	"text" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source" text DEFAULT 'custom' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "order_context" jsonb;--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "compliance_notes" jsonb;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "note" text;--> statement-breakpoint
CREATE UNIQUE INDEX "reply_templates_key_uq" ON "reply_templates" USING btree ("shop_id","intent","lang","variant");--> statement-breakpoint
CREATE INDEX "reply_templates_intent_idx" ON "reply_templates" USING btree ("intent","lang");