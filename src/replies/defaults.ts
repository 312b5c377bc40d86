/**
 * The default reply library shipped with the service: one JSON file per language, every intent
 * with an ordered list of variants (richest first, the last one needs no data) plus localised
 * order-status labels. Seeded into `reply_templates` on start; shops override rows per intent.
 */
import { z } from "zod";
import de from "./templates/de.json" with { type: "json" };
import en from "./templates/en.json" with { type: "json" };
import es from "./templates/es.json" with { type: "json" };
import id from "./templates/id.json" with { type: "json" };
import ja from "./templates/ja.json" with { type: "json" };
import ms from "./templates/ms.json" with { type: "json" };
import th from "./templates/th.json" with { type: "json" };
import vi from "./templates/vi.json" with { type: "json" };
import zh from "./templates/zh.json" with { type: "json" };

export const REPLY_LANGS = ["en", "zh", "id", "th", "vi", "ms", "es", "de", "ja"] as const;
export type ReplyLang = (typeof REPLY_LANGS)[number];
/** Language used when a shop has no template in the buyer's language. */
export const FALLBACK_LANG: ReplyLang = "en";
/** Not a buyer intent: the acknowledgement sent outside business hours by the auto-reply policy. */
export const OFF_HOURS_INTENT = "off_hours";

const LangFileSchema = z.object({
  statuses: z.record(z.string(), z.string()),
  templates: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});
export type LangFile = z.infer<typeof LangFileSchema>;

const FILES: Record<ReplyLang, unknown> = { en, zh, id, th, vi, ms, es, de, ja };

export const DEFAULT_LIBRARY: Record<ReplyLang, LangFile> = Object.fromEntries(
  REPLY_LANGS.map((lang) => [lang, LangFileSchema.parse(FILES[lang])]),
) as Record<ReplyLang, LangFile>;

export function isReplyLang(lang: string): lang is ReplyLang {
  return (REPLY_LANGS as readonly string[]).includes(lang);
}

/** A platform order status in the buyer's language (English, then the raw code, as fallbacks). */
export function statusLabel(status: string | null | undefined, lang: string): string | null {
  if (!status) return null;
  const file = DEFAULT_LIBRARY[isReplyLang(lang) ? lang : FALLBACK_LANG];
  return file.statuses[status] ?? DEFAULT_LIBRARY.en.statuses[status] ?? status.toLowerCase().replace(/_/g, " ");
}

/** Every default row to seed: (intent, lang, variant order, text). */
export function defaultTemplateRows(): { intent: string; lang: ReplyLang; variant: number; text: string }[] {
  return REPLY_LANGS.flatMap((lang) =>
    Object.entries(DEFAULT_LIBRARY[lang].templates).flatMap(([intent, variants]) =>
      variants.map((text, variant) => ({ intent, lang, variant, text })),
    ),
  );
}
