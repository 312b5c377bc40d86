/**
 * Template rendering. A template is a text with `{variable}` slots; a template whose slots cannot
 * all be filled is never used (the caller falls back to a variant without them), so a buyer never
 * receives "Your tracking number is {tracking_number}" or "…number ." with an empty value.
 */

/** Every variable a template may use. Values are plain strings; absent or blank means "no value". */
export const TEMPLATE_VARIABLES = [
  "buyer_name",
  "product",
  "order_id",
  "order_status",
  "tracking_number",
  "carrier",
  "eta",
  "coupon",
  "product_link",
  "opens_at",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVars = Partial<Record<TemplateVariable, string | null | undefined>>;

const SLOT = /\{([a-z_]+)\}/g;

/** The variables a template uses, in order of appearance. */
export function slotsOf(text: string): string[] {
  return [...text.matchAll(SLOT)].map((m) => m[1]!);
}

/** Unknown slot names (typos like `{tracking}`): such a template is refused when saved. */
export function unknownSlots(text: string): string[] {
  return slotsOf(text).filter((s) => !(TEMPLATE_VARIABLES as readonly string[]).includes(s));
}

/** Fills every slot, or returns null when any slot has no value (or is unknown). */
export function render(text: string, vars: TemplateVars): string | null {
  let missing = false;
  const out = text.replace(SLOT, (_, name: string) => {
    const value = (vars as Record<string, string | null | undefined>)[name]?.trim();
    if (!value) {
      missing = true;
      return "";
    }
    return value;
  });
  return missing ? null : out;
}

/** The first variant (in order) that renders completely, with its index. */
export function renderFirst(variants: readonly string[], vars: TemplateVars): { text: string; index: number } | null {
  for (const [index, variant] of variants.entries()) {
    const text = render(variant, vars);
    if (text !== null) return { text, index };
  }
  return null;
}
