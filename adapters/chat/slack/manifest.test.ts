import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";

/** The parts of slackapi/manifest-schema (schemas/manifest.schema.1.0.0.json) a bot app uses. */
const url = z.string().regex(/^https?:\/\//).max(3500);
const ManifestV1 = z.strictObject({
  $schema: z.string().optional(),
  _metadata: z.strictObject({ major_version: z.number().int(), minor_version: z.number().int() }).partial().optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140).optional(),
    background_color: z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/).optional(),
    long_description: z.string().min(175).max(4000).optional(),
  }),
  features: z
    .strictObject({
      app_home: z.record(z.string(), z.boolean()).optional(),
      bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() }).optional(),
      shortcuts: z.array(z.unknown()).min(1).max(10).optional(),
      slash_commands: z.array(z.unknown()).min(1).max(50).optional(),
    })
    .optional(),
  oauth_config: z.strictObject({ scopes: z.strictObject({ bot: z.array(z.string().max(50)).max(255).optional(), user: z.array(z.string().max(50)).optional() }).optional() }).optional(),
  settings: z
    .strictObject({
      event_subscriptions: z.strictObject({ request_url: url.optional(), bot_events: z.array(z.string().max(50)).max(100).optional(), user_events: z.array(z.string()).optional() }).optional(),
      interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: url.optional(), message_menu_options_url: url.optional() }).optional(),
      org_deploy_enabled: z.boolean().optional(),
      socket_mode_enabled: z.boolean().optional(),
      token_rotation_enabled: z.boolean().optional(),
    })
    .optional(),
});

const read = (url: URL) => JSON.parse(readFileSync(url, "utf8")) as unknown;
const manifest = read(new URL("./manifest.json", import.meta.url)) as z.infer<typeof ManifestV1>;

describe("Slack app manifest", () => {
  it("matches the manifest v1 schema (checked against the official valid example too)", () => {
    expect(ManifestV1.safeParse(manifest).success).toBe(true);
    const local = new URL("../../../test/fixtures/slack-app-manifest-v1-valid.json", import.meta.url);
    const shared = new URL("../../../../shared/fixtures/slack-app-manifest-v1-valid.json", import.meta.url);
    expect(ManifestV1.safeParse(read(existsSync(local) ? local : shared)).success).toBe(true);
  });

  it("declares the bot, its scopes and one HTTP endpoint for events and interactivity", () => {
    expect(manifest.features?.bot_user?.display_name).toBeTruthy();
    expect(manifest.oauth_config?.scopes?.bot).toEqual(["chat:write", "channels:history", "groups:history", "users:read", "files:write"]);
    expect(manifest.settings?.event_subscriptions?.request_url).toBe("https://YOUR_HOST/slack/events");
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true, request_url: "https://YOUR_HOST/slack/events" });
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
  });
});
