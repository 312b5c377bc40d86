/**
 * `npx tsx scripts/tone-evidence.ts [set…]`: which of the model's own features push the public
 * tone sets' errors, in aggregate, without showing a line. For each set (measuring only, like
 * `npm run eval`): over the calm lines called negative, the features that add most to
 * "negative minus the best other tone" (summed over lines, with the number of lines each occurs
 * in), and over the missed negatives the features that pull most away from negative. The feature
 * names are the model's vocabulary, i.e. built from our corpus; which KINDS of wording fail is what
 * a corpus writer needs, never the lines themselves.
 */
import { readFileSync } from "node:fs";
import { SENTIMENT_SETS } from "../intents/eval/dataset-mappings.js";
import { readDataset } from "../intents/eval/datasets.js";
import { featurizeNames } from "../intents/featurize.js";
import { hashName } from "../intents/features.js";
import { FeatureTable, vectorize } from "../intents/linear-model.js";
import { loadLocalClassifier, MODEL_PATH } from "../intents/load-local-classifier.js";
import { ModelArtifactSchema } from "../intents/model-artifact.js";

const TOP = Number(process.env.TOP ?? 25);

const artifact = ModelArtifactSchema.parse(JSON.parse(readFileSync(MODEL_PATH, "utf8")));
const head = artifact.heads.sentiment;
const w = new Int8Array(Uint8Array.from(atob(head.weights), (c) => c.charCodeAt(0)).buffer);
const L = head.labels.length;
const neg = head.labels.indexOf("negative");
const table = new FeatureTable(artifact.features.map(hashName));
const clf = await loadLocalClassifier();

/** Per feature of one text: its contribution to logit(negative) − logit(other), other = the best non-negative class overall. */
function contributions(text: string): Map<string, number> {
  const f = featurizeNames({ text });
  const x = vectorize(f.text.names.map(hashName), [], table, f.lex.names.map(hashName));
  const z = new Float64Array(L);
  x.idx.forEach((i, k) => {
    for (let c = 0; c < L; c++) z[c]! += x.val[k]! * w[i * L + c]! * head.scale;
  });
  let other = -1;
  for (let c = 0; c < L; c++) if (c !== neg && (other < 0 || z[c]! > z[other]!)) other = c;
  const out = new Map<string, number>();
  x.idx.forEach((i, k) => out.set(artifact.features[i]!, (out.get(artifact.features[i]!) ?? 0) + x.val[k]! * (w[i * L + neg]! - w[i * L + other]!) * head.scale));
  return out;
}

function report(title: string, texts: string[], sign: 1 | -1): void {
  const sum = new Map<string, { total: number; lines: number }>();
  for (const t of texts)
    for (const [name, v] of contributions(t)) {
      const e = sum.get(name) ?? { total: 0, lines: 0 };
      e.total += sign * v;
      e.lines++;
      sum.set(name, e);
    }
  const top = [...sum.entries()].filter(([, e]) => e.total > 0).sort((a, b) => b[1].total - a[1].total).slice(0, TOP);
  console.log(`  ${title} (${texts.length} lines): ${top.map(([n, e]) => `${n} ${e.total.toFixed(1)}/${e.lines}`).join(", ")}`);
}

const wanted = process.argv.slice(2);
for (const [name, isNegative] of Object.entries(SENTIMENT_SETS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const rows = readDataset(name);
  const outs = rows.map((r) => ({ r, tone: clf.classifySync({ text: r.text }).sentiment }));
  console.log(`${name} (model ${clf.version})`);
  report("calm called negative, pushed by", outs.filter(({ r, tone }) => !isNegative(r.label) && tone === "negative").map(({ r }) => r.text), 1);
  report("negative missed, pulled away by", outs.filter(({ r, tone }) => isNegative(r.label) && tone !== "negative").map(({ r }) => r.text), -1);
}
