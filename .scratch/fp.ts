import { readFileSync } from "node:fs";
import { decodeArtifact } from "../intents/model-artifact.js";
import { featurizeHashes } from "../intents/featurize.js";
import { createVectorizer } from "../intents/packed-model.js";
import { loadLocalClassifier } from "../intents/load-local-classifier.js";
const m = decodeArtifact(JSON.parse(readFileSync("intents/model/model.json", "utf8")));
const clf = await loadLocalClassifier();
const vec = createVectorizer(m.packed, m.features.length);
const h = m.packed.heads.sentiment; const W = m.packed.width;
const [file, neg] = [process.argv[2]!, process.argv[3]!];
const rows = readFileSync(`/work/shared/datasets/${file}.jsonl`, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const agg = new Map<string, number>(); let fp = 0;
for (const r of rows) { const o = clf.classifySync({ text: r.text }); if (o.sentiment !== "negative" || r.label === neg) continue; fp++;
  const f = featurizeHashes({ text: r.text }); const x = vec(f.text.hashes, []);
  for (let j = 0; j < x.n; j++) { const b = x.idx[j]! * W + h.offset; const s = (m.packed.rows[b]! - m.packed.rows[b + 1]!) * h.scale * x.val[j]!; const k = m.features[x.idx[j]!]!; agg.set(k, (agg.get(k) ?? 0) + s); } }
console.log("FP", fp);
console.log([...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${k}:${v.toFixed(1)}`).join("  "));
