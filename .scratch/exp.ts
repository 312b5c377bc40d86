import { readCorpus } from "../intents/read-corpus.js";
import { buildModel, DEFAULT_TRAIN_CONFIG } from "../intents/train/build-model.js";
import { createLocalClassifier } from "../intents/local-classifier.js";
const corpus = readCorpus();
const grid = JSON.parse(process.argv[2] ?? "[{}]");
for (const g of grid) {
  const t0 = performance.now();
  const rep = buildModel(corpus.intents, corpus.sentiment, { ...DEFAULT_TRAIN_CONFIG, ...g });
  const clf = createLocalClassifier(rep.artifact);
  const per: Record<string, [number, number]> = {};
  let c = 0, sc = 0;
  for (const r of rep.heldOut.intents) { const o = clf.classifySync({ text: r.text, context: r.context }); const ok = o.intent === r.intent; if (ok) c++; if (o.sentiment === r.sentiment) sc++; const p = per[r.lang] ?? [0, 0]; p[0] += ok ? 1 : 0; p[1]++; per[r.lang] = p; }
  let ssc = 0; for (const r of rep.heldOut.sentiment) if (clf.classifySync({ text: r.text }).sentiment === r.sentiment) ssc++;
  const n = rep.heldOut.intents.length;
  console.log(JSON.stringify(g), "acc", (c / n).toFixed(3), "sent", (sc / n).toFixed(3), "sentCorpus", (ssc / rep.heldOut.sentiment.length).toFixed(3), Object.entries(per).map(([l, [a, b]]) => l + "=" + (a / b).toFixed(2)).join(" "), "T", rep.temperatures.intent, ((performance.now() - t0) / 1000).toFixed(1) + "s");
}
