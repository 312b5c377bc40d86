import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { deriveRisk } from "../../intents/risk-level.js";
import {
  defaultTaxonomy,
  RISK_FLAGS,
  RISK_LEVELS,
  SENTIMENTS,
  type Classification,
  type Classifier,
  type ClassifyInput,
  type Taxonomy,
} from "../../intents/taxonomy.js";
import { safeJson, systemPrompt, userMessage } from "./prompt.js";

/**
 * Local model first; the LLM only when the local answer is unsure. The LLM may change the
 * classification fields (intent, group, confidence, sentiment, flags → risk) and nothing else:
 * language, evidence and every field the pipeline acts on come from us. On any failure (timeout,
 * HTTP error, refusal, output that is not valid JSON of the schema, an intent the shop does not
 * offer) the local answer stands.
 */
export type LlmCascadeOptions = {
  local: Classifier;
  /** Built by the composition root (`new OpenAI({ apiKey, baseURL })`); never constructed here. */
  client: OpenAI;
  model: string;
  timeoutMs: number;
  /** Ask the LLM when local confidence is below this (and whenever the local result is `unsure`). */
  threshold: number;
  taxonomy?: Taxonomy;
  /** Called on every fallback, for logs and metrics. */
  onFallback?: (reason: string) => void;
};

/** Most an LLM's self-reported confidence is trusted: it is not calibrated like the local model. */
const MAX_LLM_CONFIDENCE = 0.95;

export function createLlmCascade(options: LlmCascadeOptions): Classifier {
  const taxonomy = options.taxonomy ?? defaultTaxonomy;
  const ids = taxonomy.visible.map((e) => e.id);
  // Strict structured output: every property required, enums for every closed set.
  const Output = z.object({
    intent: z.enum(ids as [string, ...string[]]),
    sentiment: z.enum(SENTIMENTS),
    risk_flags: z.array(z.enum(RISK_FLAGS)),
    confidence: z.number().min(0).max(1),
  });
  const responseFormat = zodResponseFormat(Output, "buyer_message_classification");
  const system = systemPrompt(taxonomy);
  const version = `${options.local.version}+llm:${options.model}`;

  async function askLlm(input: ClassifyInput): Promise<z.infer<typeof Output> | string> {
    try {
      const completion = await options.client.chat.completions.parse(
        {
          model: options.model,
          temperature: 0,
          messages: [
            { role: "system", content: system },
            { role: "user", content: userMessage(input) },
          ],
          response_format: responseFormat,
        },
        { timeout: options.timeoutMs, maxRetries: 0, signal: AbortSignal.timeout(options.timeoutMs) },
      );
      const message = completion.choices[0]?.message;
      if (!message) return "no choice";
      if (message.refusal) return "refusal";
      // Validate again ourselves: `parse` only guarantees the shape when the server enforces the schema.
      const checked = Output.safeParse(message.parsed ?? safeJson(message.content));
      return checked.success ? checked.data : `invalid output: ${checked.error.issues[0]?.message ?? "?"}`;
    } catch (err) {
      return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
  }

  return {
    version,
    async classify(input: ClassifyInput): Promise<Classification> {
      const local = await options.local.classify(input);
      if (!local.unsure && local.confidence >= options.threshold) return local;
      const answer = await askLlm(input);
      if (typeof answer === "string") {
        options.onFallback?.(answer);
        return local;
      }
      // Flags only accumulate: a buyer cannot talk the LLM into dropping a hazard the lexicons saw.
      const flags = RISK_FLAGS.filter((f) => local.risk_flags.includes(f) || answer.risk_flags.includes(f));
      const risk = deriveRisk({ flags, sentiment: answer.sentiment, intent: answer.intent });
      return {
        ...local,
        intent: answer.intent,
        group: taxonomy.groupOf(answer.intent) ?? local.group,
        confidence: Math.min(answer.confidence, MAX_LLM_CONFIDENCE),
        sentiment: answer.sentiment,
        risk_flags: flags,
        // Never below what the local rules found (context escalation is local knowledge).
        risk: maxRisk(risk, local.risk),
        unsure: answer.confidence < 0.5,
        evidence: [...local.evidence, `llm: ${options.model}`],
        source: "llm",
        model_version: version,
      };
    },
  };
}

function maxRisk(a: Classification["risk"], b: Classification["risk"]): Classification["risk"] {
  return RISK_LEVELS[Math.max(RISK_LEVELS.indexOf(a), RISK_LEVELS.indexOf(b))]!;
}
