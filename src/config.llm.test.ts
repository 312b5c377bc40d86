import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildConfig } from "./config.ts";
import { readConfigFile } from "./entry/config-file.ts";
import { parseEnv } from "./env.ts";
import { ConfigError } from "./errors.ts";
import { MAX_FAQ_CHARS } from "./replies/shop-settings.ts";

const shop = (replies: Record<string, unknown>) => ({ shops: [{ platform: "tiktok_shop", shopId: "1", name: "Glow ID", accessToken: "t", replies }] });
const OPENAI = { OPENAI_API_KEY: "sk-test" };
const dir = mkdtempSync(join(tmpdir(), "config-llm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("LLM draft configuration", () => {
  it("defaults every shop to templates, staff language en", () => {
    const config = buildConfig(parseEnv({}), shop({}));
    expect(config.shops[0]!.replies).toMatchObject({ draft: "template", staffLang: "en" });
    expect(buildConfig(parseEnv(OPENAI)).openai).toMatchObject({ model: "gpt-4o-mini", draftTimeoutMs: 8000 });
  });

  it("accepts an LLM shop with its FAQ and staff language when OPENAI_API_KEY is set", () => {
    const config = buildConfig(parseEnv({ ...OPENAI, OPENAI_DRAFT_TIMEOUT_MS: "5000" }), shop({ draft: "llm", staffLang: "zh", faq: "  Returns within 7 days.  " }));
    expect(config.shops[0]!.replies).toMatchObject({ draft: "llm", staffLang: "zh", faq: "Returns within 7 days." });
    expect(config.openai?.draftTimeoutMs).toBe(5000);
  });

  it("refuses an LLM shop without OPENAI_API_KEY, naming the shop and the variable", () => {
    expect(() => buildConfig(parseEnv({}), shop({ draft: "llm" }))).toThrow(ConfigError);
    expect(() => buildConfig(parseEnv({}), shop({ draft: "llm" }))).toThrow(/Glow ID asks for replies.draft "llm", which needs OPENAI_API_KEY/);
  });

  it.each([
    ["an unknown draft mode", { draft: "gpt" }, /replies.draft/],
    ["an empty FAQ", { faq: "   " }, /replies.faq: is empty/],
    ["an oversized FAQ", { faq: "x".repeat(MAX_FAQ_CHARS + 1) }, /replies.faq: is longer than 12000 characters/],
    ["control characters", { faq: "Returns\u0000 hidden" }, /control characters/],
    ["a bad staff language", { staffLang: "Chinese" }, /replies.staffLang/],
    ["faq and faqFile together", { faq: "a", faqFile: "faq.md" }, /faq or faqFile, not both/],
  ])("refuses %s", (_name, replies, message) => {
    expect(() => buildConfig(parseEnv(OPENAI), shop(replies))).toThrow(message);
  });

  it("refuses a faqFile nobody read (Workers have no files)", () => {
    expect(() => buildConfig(parseEnv(OPENAI), shop({ faqFile: "faq.md" }))).toThrow(/faqFile can only be read by the Node entry/);
  });

  it("the Node entry inlines faqFile, relative to CONFIG_FILE's folder, and the limits still apply", () => {
    writeFileSync(join(dir, "faq.md"), "Shipping: 2-4 days.\nReturns: 7 days.\n");
    writeFileSync(join(dir, "shops.json"), JSON.stringify(shop({ draft: "llm", faqFile: "faq.md" })));
    const config = buildConfig(parseEnv(OPENAI), readConfigFile(join(dir, "shops.json")));
    expect(config.shops[0]!.replies?.faq).toBe("Shipping: 2-4 days.\nReturns: 7 days.");
    expect(config.shops[0]!.replies?.faqFile).toBeUndefined();

    writeFileSync(join(dir, "big.md"), "x".repeat(MAX_FAQ_CHARS + 1));
    writeFileSync(join(dir, "big.json"), JSON.stringify(shop({ faqFile: "big.md" })));
    expect(() => buildConfig(parseEnv(OPENAI), readConfigFile(join(dir, "big.json")))).toThrow(/is longer than 12000 characters/);
    writeFileSync(join(dir, "huge.md"), "x".repeat(MAX_FAQ_CHARS * 4 + 1));
    writeFileSync(join(dir, "huge.json"), JSON.stringify(shop({ faqFile: "huge.md" })));
    expect(() => readConfigFile(join(dir, "huge.json"))).toThrow(/the limit is 12000 characters/);
    writeFileSync(join(dir, "missing.json"), JSON.stringify(shop({ faqFile: "nope.md" })));
    expect(() => readConfigFile(join(dir, "missing.json"))).toThrow(/nope.md cannot be read \(ENOENT\)/);
  });
});
