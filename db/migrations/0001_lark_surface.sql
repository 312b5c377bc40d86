CREATE TABLE "chat_events" (
	"surface" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_events_surface_event_id_pk" PRIMARY KEY("surface","event_id")
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "posted_at" timestamp with time zone;