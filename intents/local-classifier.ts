import { readContext } from "./context-rules.js";
import { detectLanguage } from "./detect-language.js";
import { featurizeHashesInto } from "./featurize.js";
import { HashSink } from "./features.js";
import { argmax, sigmoid, softmax } from "./linear-model.js";
import { createVectorizer, evidenceFeatures, headLogits, scoreRows } from "./packed-model.js";
import { decodeArtifact, type LoadedModel } from "./model-artifact.js";
import { deriveRisk } from "./risk-level.js";
import {
  defaultTaxonomy,
  RISK_FLAGS,
  SENTIMENTS,
  type Classification,
  type Classifier,
  type ClassifyInput,
  type RiskFlag,
  type Sentiment,
  type Taxonomy,
} from "./taxonomy.js";

/** The offline classifier: microseconds per message, no network, same answer every time. */
export interface LocalClassifier extends Classifier {
  /** Synchronous form for the CLI, the eval and benchmarks. */
  classifySync(input: ClassifyInput): Classification;
  readonly threshold: number;
}

export type LocalClassifierOptions = {
  /** The shop's taxonomy: hidden intents are never answered (the next best visible one is). */
  taxonomy?: Taxonomy;
  /** Overrides the artifact's unsure threshold (calibrated confidence). */
  threshold?: number;
  /** How many evidence features to return. */
  evidence?: number;
};

/** Confidence given to a context rule's answer: the rules were right on every corpus case, but they are rules. */
const CONTEXT_RULE_CONFIDENCE = 0.85;

/**
 * Builds the classifier from a parsed artifact (`intents/model/model.json`), portable to any
 * runtime. Node code uses `loadLocalClassifier()` from `./load-local-classifier.js`.
 */
export function createLocalClassifier(artifact: unknown, options: LocalClassifierOptions = {}): LocalClassifier {
  const model: LoadedModel = decodeArtifact(artifact);
  const taxonomy = options.taxonomy ?? defaultTaxonomy;
  const threshold = options.threshold ?? model.threshold;
  const evidenceCount = options.evidence ?? 5;
  const { heads } = model.packed;
  const labels = heads.intent.labels;
  const vectorize = createVectorizer(model.packed);
  const allowed = labels.map((id) => taxonomy.has(id) && !taxonomy.isHidden(id));
  // Reused across calls (a classification is synchronous, so nothing else can touch them meanwhile).
  const textSink = new HashSink();
  const contextSink = new HashSink();
  const lexSink = new HashSink();
  const raw = new Float64Array(model.packed.width);
  const intentProbs = new Float64Array(labels.length);
  const sentimentLogits = new Float64Array(heads.sentiment.labels.length);
  const flagLogits = new Float64Array(heads.flags.labels.length);
  // Flags as bits of RISK_FLAGS order while a message is classified (a Set per message allocated).
  const flagBit = new Map<string, number>(RISK_FLAGS.map((f, i) => [f, 1 << i]));
  const headFlagBits = heads.flags.labels.map((l) => flagBit.get(l) ?? 0);
  const NEGATIVE_EMOTION = flagBit.get("negative_emotion")!;
  const URGENT = flagBit.get("urgent")!;
  // Evidence names as staff read them, computed the first time a feature is shown.
  const shownCache: (string | null | undefined)[] = new Array(model.features.length);
  const shown = (feature: number): string | null => {
    let v = shownCache[feature];
    if (v === undefined) v = shownCache[feature] = displayFeature(model.features[feature]!) ?? null;
    return v;
  };

  function classifySync(input: ClassifyInput): Classification {
    const lang = detectLanguage(input.text);
    const f = featurizeHashesInto(input, lang, textSink, contextSink, lexSink);
    const x = vectorize(f.text.hashes, f.context.hashes, f.lex.hashes);
    scoreRows(model.packed, x, raw);

    const probs = softmax(headLogits(heads.intent, raw, intentProbs), heads.intent.temperature, intentProbs);
    for (let i = 0; i < probs.length; i++) if (!allowed[i]) probs[i] = 0;
    let best = argmax(probs);
    let intent = labels[best]!;
    let confidence = probs[best]!;
    const ctx = readContext(input.text, input.context);
    if (ctx.intent && ctx.intent !== intent && taxonomy.has(ctx.intent) && !taxonomy.isHidden(ctx.intent)) {
      intent = ctx.intent;
      best = labels.indexOf(intent);
      confidence = Math.max(CONTEXT_RULE_CONFIDENCE, probs[best] ?? 0);
    }

    const sp = softmax(headLogits(heads.sentiment, raw, sentimentLogits), heads.sentiment.temperature, sentimentLogits);
    const negI = heads.sentiment.labels.indexOf("negative");
    let sentiment = heads.sentiment.labels[argmax(sp)] as Sentiment;
    // P(negative) above which the tone is negative even when another class scores higher: a missed
    // angry buyer costs more than a second look at a calm one (the artifact's values, one per language, are chosen on the held-out split).
    if (negI >= 0 && sp[negI]! >= (model.negativeAtByLang[lang] ?? model.negativeAt)) sentiment = "negative";
    if (!SENTIMENTS.includes(sentiment)) sentiment = "neutral";

    let flags = 0;
    for (const lf of f.lexFlags) flags |= flagBit.get(lf) ?? 0;
    const fz = headLogits(heads.flags, raw, flagLogits);
    for (let i = 0; i < fz.length; i++) if (sigmoid(fz[i]! / heads.flags.temperature) >= model.flagThreshold) flags |= headFlagBits[i]!;
    if (sentiment === "negative" && (f.anger || (negI >= 0 && sp[negI]! >= 0.8))) flags |= NEGATIVE_EMOTION;
    if (sentiment !== "negative") flags &= ~NEGATIVE_EMOTION;
    if (ctx.escalating) flags |= URGENT;
    const risk_flags: RiskFlag[] = [];
    for (let i = 0; i < RISK_FLAGS.length; i++) if (flags & (1 << i)) risk_flags.push(RISK_FLAGS[i]!);

    const evidence: string[] = [];
    if (ctx.intent === intent) evidence.push(`context: ${intent === "bargain" ? "reply to a price" : "chasing a shipment"}`);
    if (best >= 0) {
      for (const feature of evidenceFeatures(model.packed, x, heads.intent, best, runnerUp(probs, best), evidenceCount * 2)) {
        const name = shown(feature);
        if (name && !evidence.includes(name)) evidence.push(name);
        if (evidence.length >= evidenceCount) break;
      }
    }

    return {
      intent,
      group: taxonomy.groupOf(intent) ?? "feedback",
      confidence: round(confidence),
      lang,
      sentiment,
      risk: deriveRisk({ flags: risk_flags, sentiment, intent, escalating: ctx.escalating }),
      risk_flags,
      unsure: confidence < threshold,
      evidence,
      source: "local",
      model_version: model.version,
    };
  }

  return {
    version: model.version,
    threshold,
    classifySync,
    classify: async (input) => classifySync(input),
  };
}

/** Feature names as staff should read them: the text, without the internal prefix. */
function displayFeature(name: string): string | undefined {
  const colon = name.indexOf(":");
  const prefix = name.slice(0, colon);
  const body = name.slice(colon + 1).trim();
  if (!body) return undefined;
  switch (prefix) {
    case "w":
    case "b":
    case "c":
      return body;
    case "x":
      return body === "any" ? undefined : `context: ${body}`;
    case "lex":
      // Risk-flag matches mean something to staff; the tone and shape signals (neg, mixed,
      // question, ...) are aggregates, not words of the message, so they are not shown.
      return body.startsWith("f:") ? `lexicon: ${body.slice(2)}` : undefined;
    default:
      return undefined;
  }
}

function runnerUp(p: Float64Array, best: number): number {
  let second = best === 0 ? 1 : 0;
  for (let i = 0; i < p.length; i++) if (i !== best && p[i]! > p[second]!) second = i;
  return second;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
