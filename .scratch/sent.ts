import { readCorpus } from "../intents/read-corpus.js";
import { isHeldOut } from "../intents/corpus-schema.js";
import { loadLocalClassifier } from "../intents/load-local-classifier.js";
import { featurizeHashes } from "../intents/featurize.js";
const clf = await loadLocalClassifier();
const c = readCorpus();
const rows = [...c.sentiment.filter((r) => isHeldOut(r.text)).map((r) => ({ ...r, kind: "rev" })), ...c.intents.filter((r) => isHeldOut(r.text)).map((r) => ({ ...r, kind: "chat" }))];
// Reach into probabilities by classifying with different thresholds: emulate by reading the model through classifySync is not possible, so re-derive from outputs at 0.4 and count
const byLang: Record<string, { tp: number; fp: number; fn: number }> = {};
for (const r of rows) { const o = clf.classifySync({ text: r.text }); const g = r.sentiment === "negative", p = o.sentiment === "negative"; const k = r.kind + ":" + r.lang; const s = byLang[k] ?? { tp: 0, fp: 0, fn: 0 }; if (g && p) s.tp++; else if (!g && p) s.fp++; else if (g && !p) s.fn++; byLang[k] = s; }
for (const [k, s] of Object.entries(byLang).sort()) console.log(k.padEnd(9), "R", (s.tp / (s.tp + s.fn)).toFixed(2), "P", (s.tp / (s.tp + s.fp)).toFixed(2), "n+", s.tp + s.fn);
