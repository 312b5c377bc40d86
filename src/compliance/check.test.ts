import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createComplianceGuard } from "./check.ts";

type Case = { m: string; p: string; t: string; r: string | null };
const CASES: Case[] = readFileSync(new URL("../../test/fixtures-replies/compliance-cases.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

describe("compliance guard on the labelled list", () => {
  const guard = createComplianceGuard();
  const violating = CASES.filter((c) => c.r !== null);
  const clean = CASES.filter((c) => c.r === null);

  it("has at least 100 violating and 100 clean replies across markets and platforms", () => {
    expect(violating.length).toBeGreaterThanOrEqual(100);
    expect(clean.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.m)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(CASES.map((c) => c.p))).toEqual(new Set(["tiktok_shop", "shopee", "lazada"]));
  });

  it.each(violating.map((c) => [c.r, c.m, c.p, c.t] as const))("blocks (%s) %s/%s: %s", (rule, market, platform, text) => {
    const verdict = guard.check(text, market, platform);
    expect(verdict.allowed).toBe(false);
    expect(verdict.violations.filter((v) => v.severity === "block").map((v) => v.rule)).toContain(rule);
  });

  it.each(clean.map((c) => [c.m, c.p, c.t] as const))("passes %s/%s: %s", (market, platform, text) => {
    const verdict = guard.check(text, market, platform);
    expect(verdict.violations.filter((v) => v.severity === "block")).toEqual([]);
    expect(verdict.allowed).toBe(true);
  });
});

describe("compliance guard configuration", () => {
  it("warns without blocking, and only in the rule's markets", () => {
    const guard = createComplianceGuard();
    expect(guard.check("Produk ini halal", "ID", "tiktok_shop")).toEqual({
      allowed: true,
      violations: [expect.objectContaining({ rule: "halal_claim", severity: "warn", match: "halal" })],
    });
    expect(guard.check("Produk ini halal", "TH", "tiktok_shop").violations).toEqual([]);
  });

  it("scopes competitor rules to their platform", () => {
    const guard = createComplianceGuard();
    expect(guard.check("Also on Shopee", "ID", "tiktok_shop").allowed).toBe(false);
    expect(guard.check("Thanks for shopping on Shopee", "ID", "shopee").allowed).toBe(true);
  });

  it("applies the configured discount limit, extra rules, disabled rules and severity overrides", () => {
    const strict = createComplianceGuard({ maxDiscountPercent: 10 });
    expect(strict.check("Buy 2 and get 15% off", "SG", "tiktok_shop").violations[0]).toMatchObject({ rule: "discount_limit", match: "15% off" });
    expect(createComplianceGuard().check("Buy 2 and get 15% off", "SG", "tiktok_shop").allowed).toBe(true);
    const custom = createComplianceGuard({
      rules: [{ id: "no_preorder", severity: "block", message: "No pre-orders this season.", patterns: ["\\bpre-?order\\b"], markets: [], platforms: [], kind: "pattern", allow: [] }],
      disable: ["away_phrase"],
      severity: { email: "warn" },
    });
    expect(custom.check("You can pre-order it", "US", "tiktok_shop").violations.map((v) => v.rule)).toEqual(["no_preorder"]);
    expect(custom.check("We're away", "US", "tiktok_shop").allowed).toBe(true);
    expect(custom.check("mail a@b.example", "US", "tiktok_shop")).toMatchObject({ allowed: true, violations: [{ rule: "email", severity: "warn" }] });
  });

  it("allows links to the shop's configured hosts and folds full-width characters", () => {
    const guard = createComplianceGuard({ allowedLinkHosts: ["brand.example"] });
    expect(guard.check("Size guide: https://brand.example/size", "US", "tiktok_shop").allowed).toBe(true);
    expect(guard.check("ｗｈａｔｓａｐｐ me", "US", "tiktok_shop").violations[0]?.rule).toBe("messaging_app");
  });
});
