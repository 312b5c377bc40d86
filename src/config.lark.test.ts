import { describe, expect, it } from "vitest";
import { buildConfig, shopWorkspaces } from "./config.ts";
import { parseEnv } from "./env.ts";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_TRIAGE_CHANNEL: "C1" };
const TIKTOK = { TIKTOK_SHOP_APP_KEY: "k", TIKTOK_SHOP_APP_SECRET: "s", TIKTOK_SHOP_ACCESS_TOKEN: "t" };
const LARK = { LARK_APP_ID: "cli_1", LARK_APP_SECRET: "sec", LARK_TRIAGE_CHAT: "oc_1", LARK_ENCRYPT_KEY: "ek", LARK_VERIFICATION_TOKEN: "vt" };
const shop = (over: Record<string, unknown>) => ({ platform: "tiktok_shop", shopId: "1", name: "x", accessToken: "t", ...over });

describe("Lark configuration", () => {
  it("maps LARK_DOMAIN feishu / lark / URL to the Open API base", () => {
    expect(buildConfig(parseEnv(LARK)).lark?.domain).toBe("https://open.feishu.cn");
    expect(buildConfig(parseEnv({ ...LARK, LARK_DOMAIN: "lark" })).lark?.domain).toBe("https://open.larksuite.com");
    expect(buildConfig(parseEnv({ ...LARK, LARK_DOMAIN: "http://127.0.0.1:9999/" })).lark?.domain).toBe("http://127.0.0.1:9999");
    expect(() => parseEnv({ ...LARK, LARK_DOMAIN: "larksuite" })).toThrow(/LARK_DOMAIN/);
  });

  it("needs the Encrypt Key and Verification Token for HTTP, not for the long connection", () => {
    const { LARK_ENCRYPT_KEY: _k, LARK_VERIFICATION_TOKEN: _t, ...bare } = LARK;
    expect(() => parseEnv(bare)).toThrow(/LARK_ENCRYPT_KEY[\s\S]*LARK_VERIFICATION_TOKEN/);
    expect(buildConfig(parseEnv({ ...bare, LARK_LONG_CONNECTION: "1" })).lark).toMatchObject({ longConnection: true });
    expect(() => parseEnv({ LARK_APP_ID: "cli_1" })).toThrow(/LARK_APP_SECRET[\s\S]*LARK_TRIAGE_CHAT/);
  });

  it("sends the env shop to every env-configured surface", () => {
    expect(shopWorkspaces(buildConfig(parseEnv({ ...TIKTOK, ...LARK })).shops[0]!)).toEqual(["lark"]);
    expect(shopWorkspaces(buildConfig(parseEnv({ ...TIKTOK, ...SLACK, ...LARK })).shops[0]!)).toEqual(["default", "lark"]);
    expect(shopWorkspaces(buildConfig(parseEnv({ ...TIKTOK, ...SLACK })).shops[0]!)).toEqual(["default"]);
  });

  it("lets a config-file shop choose Slack, Lark or both, and refuses unknown ones", () => {
    const config = buildConfig(parseEnv({ ...SLACK, ...LARK, LARK_ALLOWED_USERS: "ou_a, ou_b" }), { shops: [shop({ workspaces: ["default", "lark"], larkChat: "oc_shop" })] });
    expect(shopWorkspaces(config.shops[0]!)).toEqual(["default", "lark"]);
    expect(config.lark?.workspace.allowedUsers).toEqual(["ou_a", "ou_b"]);
    expect(() => buildConfig(parseEnv(SLACK), { shops: [shop({ workspaces: ["lark"] })] })).toThrow(/unknown workspace "lark"/);
    expect(() => buildConfig(parseEnv({ ...SLACK, ...LARK }), { slack: { workspaces: [{ id: "lark", botToken: "xoxb-2", triageChannel: "C2" }] } })).toThrow(/reserved for Lark/);
  });
});
