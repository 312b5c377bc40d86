import { detectLanguage } from "./detect-language.js";
import { emitContextFeatures, emitTextFeatures, HashSink, NameSink, type FeatureSink } from "./features.js";
import { ANGER, lexiconFlags, lexiconText } from "./lexicons/risk.js";
import { toneCounts, type Tone } from "./lexicons/sentiment.js";
import type { ClassifyInput, RiskFlag } from "./taxonomy.js";

/** Everything the model and the rules read from one input, computed once. */
export type Featurized<S extends FeatureSink> = {
  /** Message features (char/word n-grams and lexicon hits). */
  text: S;
  /** Context features (`x:`), empty without context. */
  context: S;
  /** Lexicon features (`lex:`), normalised apart from the text (see linear-model.ts `LEX_SCALE`). */
  lex: S;
  /** Risk flags the lexicons found (before the model and the rules). */
  lexFlags: RiskFlag[];
  tone: Tone;
  anger: boolean;
  isQuestion: boolean;
};

// A question mark or a question particle at the end ("有货吗", "ready ga kak", "มีไหม"), or a
// question mark anywhere in a chat-length message ("ready kak? mau 2"). A long review with a
// rhetorical question in the middle is not a question.
const QUESTION_END = /(?:[?？]|吗|嗎|呢|か|ไหม|มั้ย|ไหมคะ|ไหมครับ|không|ko|hả|ya kak|kah|berapa|brp|apa|gimana|bisa|boleh)\s*\p{Extended_Pictographic}*$/u;
const CHAT_LENGTH = 120;
/** A message that asks rather than states (weak lexicon entries do not count in questions). */
export const isQuestionText = (text: string): boolean => {
  const t = text.toLowerCase().trim();
  return QUESTION_END.test(t) || (t.length <= CHAT_LENGTH && (t.includes("?") || t.includes("？")));
};

function featurizeInto<S extends FeatureSink>(input: ClassifyInput, lang: string, text: S, context: S, lexSink: S): Featurized<S> {
  const lexText = lexiconText(input.text);
  const isQuestion = isQuestionText(input.text);
  const lexFlags = lexiconFlags(lexText, isQuestion);
  const tone = toneCounts(lexText);
  const anger = ANGER.test(lexText);
  emitTextFeatures(input.text, text);
  // Lexicon hits become features (capped: a review that says "bad" five times is not five times
  // as negative), so the trained weights decide how much each kind of hit is worth.
  for (let i = 0; i < Math.min(tone.neg, 3); i++) lex(lexSink, lang, "neg");
  for (let i = 0; i < Math.min(tone.pos, 3); i++) lex(lexSink, lang, "pos");
  if (tone.negation > 0) lex(lexSink, lang, "negation");
  if (tone.negatedPos > 0) lex(lexSink, lang, "negated-pos");
  if (tone.negatedNeg > 0) lex(lexSink, lang, "negated-neg");
  // The balance and the verdict of a review: which polarity has more hits, and which came last.
  // Which polarities occur at all: a linear model cannot AND "a complaint word" with "a praise
  // word", and a review with both (uit_visfd's mixed phone reviews, zh reviews praising a product
  // with one flaw) is read differently from one with only complaints.
  if (tone.neg > 0 && tone.pos > 0) lex(lexSink, lang, "mixed");
  else if (tone.neg > 0) lex(lexSink, lang, "neg-only");
  else if (tone.pos > 0) lex(lexSink, lang, "pos-only");
  if (tone.neg > tone.pos) lex(lexSink, lang, "more-neg");
  else if (tone.pos > tone.neg) lex(lexSink, lang, "more-pos");
  if (tone.last) lex(lexSink, lang, tone.last === "neg" ? "last-neg" : "last-pos");
  if (anger) lex(lexSink, lang, "anger");
  for (const f of lexFlags) lexFlag(lexSink, f);
  if (isQuestion) lex(lexSink, lang, "question");
  emitContextFeatures(input.context, context);
  return { text, context, lex: lexSink, lexFlags, tone, anger, isQuestion };
}

// Module-level helpers, not closures: a closure per message is an allocation (and, under tsx's
// keepNames, a defineProperty call) on the hot path.
function lex(sink: FeatureSink, lang: string, name: string): void {
  sink.begin("lex:");
  sink.push(name);
  sink.emit();
  // The same hit again per language (`lex:th:negation`): a negator or a complaint word says
  // more in one language's posts than in another's (ไม่ is in most calm Thai lines), and a shared
  // weight could only average them.
  sink.begin("lex:");
  sink.push(lang);
  sink.push(":");
  sink.push(name);
  sink.emit();
}
function lexFlag(sink: FeatureSink, flag: string): void {
  sink.begin("lex:f:");
  sink.push(flag);
  sink.emit();
}

/** Feature names (training, tests); `lang` as the classifier detects it. */
export const featurizeNames = (input: ClassifyInput, lang = detectLanguage(input.text)): Featurized<NameSink> =>
  featurizeInto(input, lang, new NameSink(), new NameSink(), new NameSink());

/** Feature hashes (serving: no n-gram strings are built). */
export const featurizeHashes = (input: ClassifyInput, lang = detectLanguage(input.text)): Featurized<HashSink> =>
  featurizeInto(input, lang, new HashSink(), new HashSink(), new HashSink());

/** Feature hashes into sinks the caller owns and reuses (emptied first): no allocation per message for the sinks. */
export const featurizeHashesInto = (input: ClassifyInput, lang: string, text: HashSink, context: HashSink, lex: HashSink): Featurized<HashSink> =>
  featurizeInto(input, lang, text.reset(), context.reset(), lex.reset());
