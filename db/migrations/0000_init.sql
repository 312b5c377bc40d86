CREATE TABLE "shops" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"market" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"external_id" text NOT NULL,
	"buyer_id" text,
	"buyer_name" text,
	"last_message_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"external_event_id" text NOT NULL,
	"message_id" text,
	"outcome" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"external_id" text NOT NULL,
	"direction" text NOT NULL,
	"sender_role" text NOT NULL,
	"type" text NOT NULL,
	"text" text,
	"sent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classifications" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"intent" text NOT NULL,
	"group" text NOT NULL,
	"confidence" real NOT NULL,
	"lang" text NOT NULL,
	"sentiment" text NOT NULL,
	"risk" text NOT NULL,
	"risk_flags" jsonb NOT NULL,
	"unsure" boolean NOT NULL,
	"evidence" jsonb NOT NULL,
	"source" text NOT NULL,
	"model_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_items" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"state" text NOT NULL,
	"intent" text,
	"suggested_reply" text,
	"suggestion_source" text,
	"final_reply" text,
	"claimed_by" jsonb,
	"claimed_at" timestamp with time zone,
	"last_actor" jsonb,
	"last_action" text,
	"last_action_at" timestamp with time zone,
	"failure_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" text PRIMARY KEY NOT NULL,
	"triage_item_id" text NOT NULL,
	"surface" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"external_ref" text,
	"status" text NOT NULL,
	"posting_started_at" timestamp with time zone NOT NULL,
	"rendered_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"triage_item_id" text NOT NULL,
	"action" text NOT NULL,
	"actor" jsonb NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"message_text" text,
	"lang" text,
	"predicted_intent" text,
	"predicted_risk" text,
	"confidence" real,
	"model_version" text,
	"corrected_intent" text,
	"suggested_text" text,
	"suggestion_source" text,
	"final_text" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"triage_item_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"conversation_external_id" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"external_message_id" text,
	"last_error" text,
	"sending_started_at" timestamp with time zone,
	"first_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD CONSTRAINT "inbound_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_triage_item_id_triage_items_id_fk" FOREIGN KEY ("triage_item_id") REFERENCES "public"."triage_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_triage_item_id_triage_items_id_fk" FOREIGN KEY ("triage_item_id") REFERENCES "public"."triage_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_replies" ADD CONSTRAINT "outbound_replies_triage_item_id_triage_items_id_fk" FOREIGN KEY ("triage_item_id") REFERENCES "public"."triage_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shops_platform_external_uq" ON "shops" USING btree ("platform","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_shop_external_uq" ON "conversations" USING btree ("shop_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_events_platform_event_uq" ON "inbound_events" USING btree ("platform","external_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_shop_external_uq" ON "messages" USING btree ("shop_id","external_id");--> statement-breakpoint
CREATE INDEX "messages_conversation_sent_idx" ON "messages" USING btree ("conversation_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "classifications_message_uq" ON "classifications" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "triage_items_message_uq" ON "triage_items" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "triage_items_state_updated_idx" ON "triage_items" USING btree ("state","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_item_surface_uq" ON "cards" USING btree ("triage_item_id","surface");--> statement-breakpoint
CREATE INDEX "decisions_item_idx" ON "decisions" USING btree ("triage_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_dedupe_uq" ON "decisions" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_replies_item_uq" ON "outbound_replies" USING btree ("triage_item_id");