import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import type { DraftOutcome, DraftRequest, ReplyDrafter } from "../../src/ports.ts";
import { draftSystemPrompt, draftUserMessage, wantsTranslation } from "./draft-prompt.ts";
import { safeJson } from "./prompt.ts";

export type LlmDrafterOptions = {
  /** Built by the composition root; never constructed here. */
  client: OpenAI;
  model: string;
  /** Hard limit on one draft, request to parsed answer. */
  timeoutMs: number;
};

/** Most characters a reply may have (the platform chat takes more; staff read less). */
const MAX_CHARS = 2000;
// The wire schemas stay plain strings (strict mode supports few string keywords); limits are checked after.
// Strict structured output needs every property required: a same-language draft asks for no translation.
const FORMATS = {
  translated: zodResponseFormat(z.object({ reply: z.string(), translation: z.string() }), "buyer_reply_draft"),
  single: zodResponseFormat(z.object({ reply: z.string() }), "buyer_reply_draft"),
};
const text = z.string().trim().min(1).max(MAX_CHARS);
const WithTranslation = z.object({ reply: text, translation: text });
const ReplyOnly = z.object({ reply: text });

/**
 * Drafts a reply through an OpenAI-compatible Chat Completions endpoint with a strict JSON schema.
 * The answer is parsed again with zod here (`parse` only guarantees the shape when the server
 * enforces the schema) and a reply that still holds a `{slot}` is refused. Nothing here decides
 * whether the draft may be shown: grounding and compliance are the pipeline's (draft-with-llm.ts).
 */
export function createLlmDrafter(options: LlmDrafterOptions): ReplyDrafter {
  return {
    enabled: true,
    async draft(request: DraftRequest): Promise<DraftOutcome> {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      const translated = wantsTranslation(request);
      try {
        const completion = await options.client.chat.completions.parse(
          {
            model: options.model,
            temperature: 0.2,
            messages: [
              { role: "system", content: draftSystemPrompt(request) },
              { role: "user", content: draftUserMessage(request) },
            ],
            response_format: translated ? FORMATS.translated : FORMATS.single,
          },
          { timeout: options.timeoutMs, maxRetries: 0, signal: AbortSignal.timeout(options.timeoutMs) },
        );
        const message = completion.choices[0]?.message;
        if (!message) return { ok: false, reason: "the LLM returned no answer", ms: ms() };
        if (message.refusal) return { ok: false, reason: `the LLM refused: ${message.refusal.slice(0, 200)}`, ms: ms() };
        const raw = message.parsed ?? safeJson(message.content);
        const checked = (translated ? WithTranslation : ReplyOnly).safeParse(raw);
        if (!checked.success) return { ok: false, reason: `invalid LLM output: ${checked.error.issues[0]?.path.join(".") || "?"} ${checked.error.issues[0]?.message ?? ""}`.trim(), ms: ms() };
        const reply = checked.data.reply;
        if (/\{[a-z_]+\}/.test(reply)) return { ok: false, reason: "invalid LLM output: the reply holds an unfilled {placeholder}", ms: ms() };
        const translation = "translation" in checked.data ? (checked.data.translation as string) : null;
        return { ok: true, reply, translation, model: options.model, ms: ms() };
      } catch (err) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        // The SDK parses the content against the wire schema itself and throws when it does not fit.
        const invalid = err instanceof Error && (err.name === "SyntaxError" || err.name === "ZodError");
        return { ok: false, reason: `${invalid ? "invalid LLM output" : "LLM call failed"}: ${reason.slice(0, 300)}`, ms: ms() };
      }
    },
  };
}
