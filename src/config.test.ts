import { describe, expect, it } from "vitest";
import { buildConfig, findShop } from "./config.ts";
import { parseEnv } from "./env.ts";
import { ConfigError } from "./errors.ts";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_TRIAGE_CHANNEL: "C1" };
const TIKTOK = { TIKTOK_SHOP_APP_KEY: "k", TIKTOK_SHOP_APP_SECRET: "s", TIKTOK_SHOP_ACCESS_TOKEN: "t" };

describe("parseEnv", () => {
  it("runs on embedded defaults with nothing set", () => {
    const config = buildConfig(parseEnv({}));
    expect(config).toMatchObject({ port: 3000, dataDir: "./data", slack: null, tiktok: null, shops: [], openai: null });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("names every missing or invalid variable in one message", () => {
    let message = "";
    try {
      parseEnv({ PORT: "http", SLACK_BOT_TOKEN: "xoxp-user", TIKTOK_SHOP_APP_KEY: "k", DATABASE_URL: "mysql://x" });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of ["PORT", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_TRIAGE_CHANNEL", "TIKTOK_SHOP_APP_SECRET", "TIKTOK_SHOP_ACCESS_TOKEN", "DATABASE_URL"]) {
      expect(message).toContain(name);
    }
  });

  it("rejects an empty signing secret when Slack is configured", () => {
    expect(() => parseEnv({ ...SLACK, SLACK_SIGNING_SECRET: "" })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it("requires the bot token for Socket Mode", () => {
    expect(() => parseEnv({ SLACK_APP_TOKEN: "xapp-1" })).toThrow(/SLACK_BOT_TOKEN/);
  });
});

describe("buildConfig", () => {
  it("turns the single-shop variables into one workspace and one shop that matches any shop id", () => {
    const config = buildConfig(parseEnv({ ...SLACK, ...TIKTOK, SLACK_APP_TOKEN: "xapp-1" }));
    expect(config.slack).toMatchObject({ signingSecret: "s", appToken: "xapp-1", apiUrl: "https://slack.com/api" });
    expect(config.slack!.workspaces).toEqual([expect.objectContaining({ id: "default", botToken: "xoxb-1", triageChannel: "C1" })]);
    expect(config.tiktok).toMatchObject({ appKey: "k", apiUrl: "https://open-api.tiktokglobalshop.com" });
    expect(findShop(config, "tiktok_shop", "123")?.accessToken).toBe("t");
  });

  it("adds shops and workspaces from a config file, routed by shop id", () => {
    const config = buildConfig(parseEnv({ ...SLACK, ...TIKTOK, TIKTOK_SHOP_ID: "100" }), {
      slack: { workspaces: [{ id: "sea", teamId: "T2", botToken: "xoxb-2", triageChannel: "C2" }] },
      shops: [{ platform: "tiktok_shop", shopId: "200", name: "SEA shop", accessToken: "t2", workspace: "sea", market: "ID" }],
    });
    expect(config.slack!.workspaces.map((w) => w.id)).toEqual(["default", "sea"]);
    expect(findShop(config, "tiktok_shop", "200")?.name).toBe("SEA shop");
    expect(findShop(config, "tiktok_shop", "100")?.name).toBe("TikTok Shop");
    expect(findShop(config, "tiktok_shop", "300")).toBeUndefined();
  });

  it("refuses a config file that names an unknown workspace or is malformed", () => {
    const env = parseEnv({ ...SLACK, ...TIKTOK });
    expect(() => buildConfig(env, { shops: [{ platform: "tiktok_shop", shopId: "1", name: "x", accessToken: "t", workspace: "nope" }] })).toThrow(/unknown workspace "nope"/);
    expect(() => buildConfig(env, { shops: [{ platform: "shopee" }] })).toThrow(ConfigError);
  });
});

describe("alert and SLA configuration", () => {
  const ALERTS = { ...SLACK, SLACK_ALERT_CHANNEL: "C0ALERT", SLACK_ALERT_MANAGERS: "U01MGR, U02MGR" };

  it("reads managers, the grouping window and the SLA points from the env", () => {
    const config = buildConfig(parseEnv({ ...ALERTS, ALERT_GROUP_WINDOW_MINUTES: "15", SLA_REMIND_AT: "0.25,0.75", SLA_ESCALATE_AT: "0.95" }));
    expect(config.slack!.workspaces[0]).toMatchObject({ alertChannel: "C0ALERT", managers: ["U01MGR", "U02MGR"] });
    expect(config.alerts.groupWindowMs).toBe(15 * 60_000);
    expect(config.sla).toEqual({ windowHours: { tiktok_shop: 12 }, remindAt: [0.25, 0.75], escalateAt: 0.95 });
  });

  it("defaults to a 30 min window and TikTok Shop's 12 h with reminders at 50/80 % and escalation at 90 %", () => {
    const config = buildConfig(parseEnv({}));
    expect(config.alerts.groupWindowMs).toBe(30 * 60_000);
    expect(config.sla).toEqual({ windowHours: { tiktok_shop: 12 }, remindAt: [0.5, 0.8], escalateAt: 0.9 });
  });

  it("names the bad manager id, the missing alert channel and bad SLA points clearly", () => {
    expect(() => buildConfig(parseEnv({ ...ALERTS, SLACK_ALERT_MANAGERS: "U01MGR,alice@example.com" }))).toThrow(/SLACK_ALERT_MANAGERS: "alice@example.com" must be a Slack user id/);
    expect(() => parseEnv({ ...SLACK, SLACK_ALERT_MANAGERS: "U01MGR" })).toThrow(/SLACK_ALERT_CHANNEL: is required when SLACK_ALERT_MANAGERS is set/);
    expect(() => buildConfig(parseEnv({ SLA_REMIND_AT: "0.5,1.5" }))).toThrow(/SLA_REMIND_AT: must be below 1/);
    expect(() => buildConfig(parseEnv({ ...SLACK, ...TIKTOK }), { slack: { workspaces: [{ id: "sea", botToken: "xoxb-2", triageChannel: "C2", managers: ["bob"] }] } })).toThrow(
      /slack\.workspaces\.0\.managers\.0: must be a Slack user id/,
    );
  });

  it("takes per-shop SLA windows and opening hours, and Lark managers, from the config file", () => {
    const config = buildConfig(parseEnv({ ...SLACK, ...TIKTOK }), {
      alerts: { larkManagers: ["ou_manager0001"] },
      sla: { windowHours: { tiktok_shop: 24 }, remindAt: [0.5], escalateAt: null },
      shops: [{ platform: "tiktok_shop", shopId: "9", name: "Night shop", accessToken: "t", sla: { windowHours: 6, businessHours: { timeZone: "Asia/Bangkok" } } }],
    });
    expect(config.sla).toEqual({ windowHours: { tiktok_shop: 24 }, remindAt: [0.5], escalateAt: null });
    expect(findShop(config, "tiktok_shop", "9")?.sla).toMatchObject({ windowHours: 6, businessHours: { timeZone: "Asia/Bangkok", open: "09:00" } });
    expect(() => buildConfig(parseEnv({}), { alerts: { larkManagers: ["someone"] } })).toThrow(/alerts\.larkManagers\.0: must be a Lark open_id/);
  });
});
