import { loadLocalClassifier } from "../intents/load-local-classifier.js";
const clf = await loadLocalClassifier();
for (const t of process.argv.slice(2)) { const o = clf.classifySync({ text: t }); console.log(o.intent.padEnd(18), o.confidence.toFixed(2), o.evidence.slice(0,4).join(" | "), " <=", t); }
