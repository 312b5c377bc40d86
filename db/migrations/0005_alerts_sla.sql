CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"surface" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"posting_started_at" timestamp with time zone,
	"external_ref" text,
	"posted_at" timestamp with time zone,
	"risk" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"first_item_id" text NOT NULL,
	"latest_item_id" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"rendered_version" integer DEFAULT 0 NOT NULL,
	"rendered_link" text,
	"buzzed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"triage_item_id" text NOT NULL,
	"point" text NOT NULL,
	"surface" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"posting_started_at" timestamp with time zone NOT NULL,
	"external_ref" text,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "sla_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "sla_next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "first_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "first_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "triage_items" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_first_item_id_triage_items_id_fk" FOREIGN KEY ("first_item_id") REFERENCES "public"."triage_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_latest_item_id_triage_items_id_fk" FOREIGN KEY ("latest_item_id") REFERENCES "public"."triage_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_notices" ADD CONSTRAINT "sla_notices_triage_item_id_triage_items_id_fk" FOREIGN KEY ("triage_item_id") REFERENCES "public"."triage_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_conversation_surface_idx" ON "alerts" USING btree ("conversation_id","surface","last_at");--> statement-breakpoint
CREATE INDEX "alerts_latest_item_idx" ON "alerts" USING btree ("latest_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_notices_item_point_surface_uq" ON "sla_notices" USING btree ("triage_item_id","point","surface");--> statement-breakpoint
CREATE INDEX "triage_items_sla_next_idx" ON "triage_items" USING btree ("sla_next_at");