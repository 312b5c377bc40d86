/**
 * `npx tsx scripts/tone-heldout.ts [model.json]`: negative-tone recall and precision of a model on
 * OUR held-out split only (intent and tone-only corpus lines the trainer never saw), per language,
 * and apart for lines with a contrast or verdict word ("but", "tapi", "nhưng", "แต่", "但是", …),
 * where a review's complaint and its verdict disagree most often. The quick check before
 * `npm run eval` touches the public sets (which it never reads).
 */
import { readFileSync } from "node:fs";
import { isHeldOut } from "../intents/corpus-schema.js";
import { createLocalClassifier } from "../intents/local-classifier.js";
import { MODEL_PATH } from "../intents/load-local-classifier.js";
import { readCorpus } from "../intents/read-corpus.js";
import { lexiconText, rx, W } from "../intents/lexicons/match.js";

// "But" and "overall" words, only to split the report (the model does not read this list). Thai
// แต่ is not counted inside แต่ง (dress), แต่ละ (each) or ตั้งแต่ (since); 不但 is "not only".
const CONTRAST = rx(
  "u",
  W("but|however|overall|tapi|tetapi|namun|secara keseluruhan|nhưng|tuy nhiên|nhìn chung|nói chung|pero|sin embargo|aber|jedoch|insgesamt"),
  "(?<!ตั้ง)แต่(?!ง|ละ)|โดยรวม|但是|可是|不过|(?<!不)但|总体|总的来说|けど|しかし",
);

const path = process.argv[2] ?? MODEL_PATH;
const clf = createLocalClassifier(JSON.parse(readFileSync(path, "utf8")));
const corpus = readCorpus();
const rows = [...corpus.intents, ...corpus.sentiment].filter((r) => isHeldOut(r.text));

type Tally = { n: number; tp: number; fp: number; fn: number; correct: number };
const tallies = new Map<string, Tally>();
const add = (key: string, gold: string, got: string) => {
  const t = tallies.get(key) ?? { n: 0, tp: 0, fp: 0, fn: 0, correct: 0 };
  t.n++;
  if (gold === got) t.correct++;
  if (gold === "negative" && got === "negative") t.tp++;
  else if (got === "negative") t.fp++;
  else if (gold === "negative") t.fn++;
  tallies.set(key, t);
};
for (const r of rows) {
  const got = clf.classifySync({ text: r.text }).sentiment;
  const contrast = CONTRAST.test(lexiconText(r.text));
  for (const key of [r.lang, "all", ...(contrast ? [`${r.lang}+contrast`, "all+contrast"] : [])]) add(key, r.sentiment, got);
}
const pct = (a: number, b: number) => (b === 0 ? "  -  " : ((100 * a) / b).toFixed(1).padStart(5));
console.log(`model ${clf.version}: held-out tone (${rows.length} lines)`);
// "calm→neg" is the share of neutral and positive lines called negative: what keeps negative
// precision low on the public sets (30–50% of their calm reviews), compare it with those figures.
console.log("set              n   acc   neg-recall  neg-precision  calm→neg");
for (const [k, t] of [...tallies.entries()].sort()) {
  const calm = t.n - t.tp - t.fn;
  console.log(`${k.padEnd(14)} ${String(t.n).padStart(4)}  ${pct(t.correct, t.n)}   ${pct(t.tp, t.tp + t.fn)}      ${pct(t.tp, t.tp + t.fp)}        ${pct(t.fp, calm)}`);
}
