import { DEFAULT_RULES, PLATFORM_HOSTS } from "./default-rules.ts";
import {
  COMPLIANCE_PLATFORMS,
  ComplianceConfigSchema,
  type ComplianceConfig,
  type CompliancePlatform,
  type ComplianceVerdict,
  type ComplianceViolation,
  type Rule,
} from "./types.ts";

type Compiled = Rule & { regexes: RegExp[] };

export type ComplianceGuard = {
  /** Checks one outgoing text for a market (ISO country, e.g. "ID") and platform. */
  check(text: string, market: string | null | undefined, platform: string): ComplianceVerdict;
  rules: readonly Rule[];
};

/**
 * Builds the guard from the default rules and the shop owner's config (extra rules, rules turned
 * off, severities changed, discount limit, allowed link hosts). Regexes are compiled once. `base`
 * replaces the default rules (the extra checks on LLM drafts are a guard of their own).
 */
export function createComplianceGuard(input: Partial<ComplianceConfig> = {}, base: readonly Rule[] = DEFAULT_RULES): ComplianceGuard {
  const config = ComplianceConfigSchema.parse(input);
  const rules: Compiled[] = [...base, ...config.rules]
    .filter((rule) => !config.disable.includes(rule.id))
    .map((rule) => ({
      ...rule,
      severity: config.severity[rule.id] ?? rule.severity,
      regexes: rule.patterns.map((p) => new RegExp(p, "giu")),
    }));

  function linkAllowed(url: string, platform: string): boolean {
    const host = hostOf(url);
    if (!host) return true;
    const own = (COMPLIANCE_PLATFORMS as readonly string[]).includes(platform) ? PLATFORM_HOSTS[platform as CompliancePlatform] : [];
    return [...own, ...config.allowedLinkHosts].some((h) => host === h || host.endsWith(`.${h}`));
  }

  function check(text: string, market: string | null | undefined, platform: string): ComplianceVerdict {
    const violations: ComplianceViolation[] = [];
    const seen = new Set<string>();
    // Full-width digits and letters (１００％) are folded so they cannot slip past the patterns.
    const normalised = text.normalize("NFKC");
    for (const rule of rules) {
      if (rule.platforms.length > 0 && !rule.platforms.includes(platform as CompliancePlatform)) continue;
      if (rule.markets.length > 0 && market && !rule.markets.includes(market.toUpperCase())) continue;
      for (const re of rule.regexes) {
        for (const m of normalised.matchAll(re)) {
          const match = m[0];
          if (rule.allow.some((a) => match.toLowerCase().includes(a.toLowerCase()))) continue;
          if (rule.kind === "link" && linkAllowed(match, platform)) continue;
          if (rule.kind === "discount") {
            const pct = discountPercent(m);
            if (pct === null || pct <= config.maxDiscountPercent) continue;
          }
          const key = `${rule.id}\u0000${match}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const message = rule.kind === "discount" ? `${rule.message} (limit ${config.maxDiscountPercent}%)` : rule.message;
          violations.push({ rule: rule.id, match, severity: rule.severity, message });
        }
      }
    }
    return { allowed: !violations.some((v) => v.severity === "block"), violations };
  }

  return { check, rules };
}

function hostOf(match: string): string | null {
  try {
    const url = new URL(/^https?:\/\//i.test(match) ? match : `https://${match}`);
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The promised discount in percent: "70% off" → 70; Chinese "3折" (pay 30%) → 70. */
function discountPercent(m: RegExpMatchArray): number | null {
  const whole = m[0];
  const number = m.slice(1).find((g) => g !== undefined && /^\d+(\.\d)?$/.test(g));
  if (number === undefined) return null;
  const n = Number(number);
  if (whole.includes("折") && !whole.includes("%") && !whole.includes("折扣")) return Math.round(100 - n * 10);
  if (whole.includes("割引")) return n * 10;
  return n;
}
