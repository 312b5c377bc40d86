import { z } from "zod";

export const SEVERITIES = ["block", "warn"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const MARKETS = ["ID", "TH", "VN", "MY", "PH", "SG", "CN", "US", "GB", "ES", "DE", "JP"] as const;
export const COMPLIANCE_PLATFORMS = ["tiktok_shop", "shopee", "lazada"] as const;
export type CompliancePlatform = (typeof COMPLIANCE_PLATFORMS)[number];

/**
 * One rule. `patterns` are regular expressions (case-insensitive, Unicode) over the reply text;
 * `discount` rules match "NN% off"-style promises and fire only above `maxDiscountPercent`;
 * `link` rules fire on URLs and bare domains whose host is not the platform's or an allowed one.
 * `markets` / `platforms` empty = all.
 */
export const RuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]+$/),
  severity: z.enum(SEVERITIES),
  message: z.string().min(1),
  markets: z.array(z.string()).default([]),
  platforms: z.array(z.enum(COMPLIANCE_PLATFORMS)).default([]),
  kind: z.enum(["pattern", "discount", "link"]).default("pattern"),
  patterns: z.array(z.string()).default([]),
  /** Substrings that, when they contain the match, make it allowed (e.g. the shop's own domain). */
  allow: z.array(z.string()).default([]),
});
export type Rule = z.infer<typeof RuleSchema>;

/** The `compliance` section of CONFIG_FILE: extra rules, rules switched off, overrides, limits. */
export const ComplianceConfigSchema = z.object({
  /** Highest discount a reply may promise, in percent (default 50). */
  maxDiscountPercent: z.number().min(0).max(100).default(50),
  /** Hosts a reply may link to (the platform's own hosts are always allowed). */
  allowedLinkHosts: z.array(z.string()).default([]),
  disable: z.array(z.string()).default([]),
  severity: z.record(z.string(), z.enum(SEVERITIES)).default({}),
  rules: z.array(RuleSchema).default([]),
});
export type ComplianceConfig = z.infer<typeof ComplianceConfigSchema>;

export type ComplianceViolation = { rule: string; match: string; severity: Severity; message: string };
export type ComplianceVerdict = { allowed: boolean; violations: ComplianceViolation[] };
