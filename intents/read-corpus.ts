import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { IntentRowSchema, SentimentRowSchema, type IntentRow, type SentimentRow } from "./corpus-schema.js";

/**
 * Node-only: reads every corpus file (`corpus/*.jsonl`, `corpus/extra/*.jsonl`,
 * `corpus/sentiment/*.jsonl`, `corpus/extra/sentiment/*.jsonl`). Files are written by several people at once and may end in a
 * half-written line, so bad lines are counted and skipped, never fatal.
 */
export type Corpus = { intents: IntentRow[]; sentiment: SentimentRow[]; skipped: { file: string; line: number; reason: string }[] };

export const CORPUS_DIR = new URL("./corpus/", import.meta.url).pathname;

export function readCorpus(dir: string = CORPUS_DIR): Corpus {
  const corpus: Corpus = { intents: [], sentiment: [], skipped: [] };
  const seen = new Set<string>();
  const files = (sub: string) =>
    existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(dir, sub, f)) : [];
  for (const file of [...files("."), ...files("extra")]) {
    readLines(file, corpus, (json) => {
      const row = IntentRowSchema.parse(json);
      // The same line written twice (two helpers, or a line and its copy) would count double.
      const key = row.text.trim() + "\u0000" + (row.context ?? []).join("\u0001");
      if (seen.has(key)) return;
      seen.add(key);
      corpus.intents.push(row);
    });
  }
  for (const file of [...files("sentiment"), ...files("extra/sentiment")]) {
    readLines(file, corpus, (json) => {
      const row = SentimentRowSchema.parse(json);
      if (seen.has(row.text.trim())) return;
      seen.add(row.text.trim());
      corpus.sentiment.push(row);
    });
  }
  return corpus;
}

function readLines(file: string, corpus: Corpus, take: (json: unknown) => void): void {
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      take(JSON.parse(line));
    } catch (err) {
      corpus.skipped.push({ file, line: i + 1, reason: err instanceof Error ? err.message.slice(0, 120) : String(err) });
    }
  });
}
