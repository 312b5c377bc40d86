import { createComplianceGuard, type ComplianceGuard } from "../compliance/check.ts";
import type { ComplianceViolation } from "../compliance/types.ts";
import { LLM_DRAFT_RULES } from "./draft-rules.ts";

const draftGuard = createComplianceGuard({}, LLM_DRAFT_RULES);

/**
 * Identifier-like tokens: runs of ASCII letters and digits holding at least five digits (order ids,
 * tracking numbers, amounts, phone fragments). Dates and short counts ("2026-11-20", "3 days") are
 * separate short runs and do not count. CJK and Thai letters are not ASCII, so "订单576…已发货"
 * still yields the number.
 */
export function identifiersIn(text: string): string[] {
  return [...new Set(text.normalize("NFKC").match(/[A-Za-z0-9]+/g) ?? [])].filter((t) => (t.match(/\d/g)?.length ?? 0) >= 5);
}

/**
 * The identifiers in `reply` that appear nowhere in `sources` (order data, template, FAQ, shop
 * settings): a model that writes one made it up, or took it from the buyer's message unverified.
 */
export function ungroundedIdentifiers(reply: string, sources: readonly (string | null | undefined)[]): string[] {
  const known = sources.filter((s): s is string => !!s).join("\n").normalize("NFKC").toLowerCase();
  return identifiersIn(reply).filter((id) => !known.includes(id.toLowerCase()));
}

export type DraftReview = { ok: true; violations: ComplianceViolation[] } | { ok: false; reason: string; violations: ComplianceViolation[] };

/**
 * Whether an LLM draft may be offered: every identifier grounded in the data we gave it, and no
 * blocking finding from the compliance guard (the same one every outgoing text passes) or from the
 * LLM-only rules. Warnings pass and are shown on the card like a template's.
 */
export function reviewLlmDraft(input: {
  reply: string;
  sources: readonly (string | null | undefined)[];
  guard: ComplianceGuard;
  market: string | null;
  platform: string;
}): DraftReview {
  const invented = ungroundedIdentifiers(input.reply, input.sources);
  const violations = [...input.guard.check(input.reply, input.market, input.platform).violations, ...draftGuard.check(input.reply, input.market, input.platform).violations];
  if (invented.length > 0) {
    return { ok: false, reason: `it names ${invented.map((i) => `“${i}”`).join(", ")}, which is not in the order data`, violations };
  }
  const blocks = violations.filter((v) => v.severity === "block");
  if (blocks.length > 0) {
    return { ok: false, reason: `compliance: ${blocks.map((v) => `${v.rule} “${v.match}”`).join(", ")}`, violations };
  }
  return { ok: true, violations };
}
