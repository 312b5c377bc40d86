/**
 * Checks a file of candidate tone lines before it joins the corpus: schema, language (as the
 * classifier detects it), duplicates inside the file and against the corpus, exact overlap with the
 * public evaluation sets (reported by line number of the candidate file only: no dataset text is
 * printed), label and length mix, and how many lines share an opening (a sign of templated text).
 *
 *   npx tsx scripts/check-new-lines.ts path/to/lines.jsonl
 */
import { readFileSync } from "node:fs";
import { SentimentRowSchema } from "../intents/corpus-schema.js";
import { detectLanguage } from "../intents/detect-language.js";
import { datasetNames, readDataset } from "../intents/eval/datasets.js";
import { readCorpus } from "../intents/read-corpus.js";

const file = process.argv[2];
if (!file) throw new Error("usage: check-new-lines.ts <file.jsonl>");

const norm = (t: string) => t.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
const corpus = readCorpus();
const corpusTexts = new Set([...corpus.sentiment, ...corpus.intents].map((r) => norm(r.text)));
const publicTexts = new Set(datasetNames().flatMap((name) => readDataset(name).map((r) => norm(r.text))));

const problems: string[] = [];
const seen = new Set<string>();
const labels: Record<string, number> = {};
const lengths = { "<40": 0, "40-120": 0, ">120": 0 };
const openings = new Map<string, number>();
let ok = 0;
readFileSync(file, "utf8").split("\n").forEach((line, i) => {
  if (!line.trim()) return;
  const n = i + 1;
  let row;
  try {
    row = SentimentRowSchema.parse(JSON.parse(line));
  } catch (err) {
    problems.push(`line ${n}: invalid (${err instanceof Error ? err.message.slice(0, 80) : err})`);
    return;
  }
  const key = norm(row.text);
  if (seen.has(key)) problems.push(`line ${n}: duplicate inside the file`);
  else if (corpusTexts.has(key)) problems.push(`line ${n}: already in the corpus`);
  else if (publicTexts.has(key)) problems.push(`line ${n}: equals a public evaluation line — rewrite it`);
  seen.add(key);
  const detected = detectLanguage(row.text);
  if (detected !== row.lang) problems.push(`line ${n}: detected as ${detected}, labelled ${row.lang}`);
  labels[row.sentiment] = (labels[row.sentiment] ?? 0) + 1;
  const len = [...row.text].length;
  lengths[len < 40 ? "<40" : len <= 120 ? "40-120" : ">120"]++;
  const opening = [...key].slice(0, 12).join("");
  openings.set(opening, (openings.get(opening) ?? 0) + 1);
  ok++;
});
const repeated = [...openings.values()].filter((c) => c > 1).reduce((a, b) => a + b, 0);
console.log(`${ok} valid lines; labels ${JSON.stringify(labels)}; lengths ${JSON.stringify(lengths)}`);
console.log(`lines sharing their first 12 characters with another line: ${repeated}`);
console.log(problems.length ? problems.join("\n") : "no problems");
