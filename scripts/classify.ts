/**
 * `npm run --silent classify -- --jsonl`: JSON lines `{"text", "context"?}` on stdin → one line per
 * input, in order, on stdout: `{"intent","group","confidence","lang","sentiment","risk","risk_flags"}`.
 * A bad line gets `{"error": "..."}` in its place; the stream never stops for one bad line.
 * Without `--jsonl`, classifies its arguments as one message and prints the full classification.
 */
import { createInterface } from "node:readline";
import { ClassifyInputSchema } from "../intents/taxonomy.js";
import { loadLocalClassifier } from "../intents/load-local-classifier.js";

const clf = await loadLocalClassifier();
const args = process.argv.slice(2);

if (!args.includes("--jsonl")) {
  const text = args.filter((a) => !a.startsWith("--")).join(" ");
  if (!text) {
    console.error('usage: npm run --silent classify -- --jsonl < lines.jsonl   |   npm run classify -- "message text"');
    process.exit(2);
  }
  console.log(JSON.stringify(clf.classifySync({ text }), null, 2));
} else {
  // Output is buffered and flushed in chunks: one write per line is what makes 10k lines slow.
  let buffer = "";
  const flush = () => {
    if (buffer) process.stdout.write(buffer);
    buffer = "";
  };
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    buffer += classifyLine(line) + "\n";
    if (buffer.length > 64_000) flush();
  }
  flush();
}

function classifyLine(line: string): string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: "invalid JSON" });
  }
  const input = ClassifyInputSchema.safeParse(json);
  if (!input.success) return JSON.stringify({ error: `invalid input: ${input.error.issues.map((i) => `${i.path.join(".") || "line"} ${i.message}`).join("; ")}` });
  try {
    const c = clf.classifySync(input.data);
    return JSON.stringify({ intent: c.intent, group: c.group, confidence: c.confidence, lang: c.lang, sentiment: c.sentiment, risk: c.risk, risk_flags: c.risk_flags });
  } catch (err) {
    return JSON.stringify({ error: err instanceof Error ? err.message : String(err) });
  }
}
