import { readCorpus } from "../intents/read-corpus.js";
import { buildModel } from "../intents/train/build-model.js";
import { createLocalClassifier } from "../intents/local-classifier.js";
const corpus = readCorpus();
const rep = buildModel(corpus.intents, corpus.sentiment);
const clf = createLocalClassifier(rep.artifact);
const conf = new Map<string, number>(); const ex: Record<string,string[]> = {};
let unsure=0, unsureCorrect=0, sureCorrect=0, sure=0;
for (const r of rep.heldOut.intents) { const o = clf.classifySync({ text: r.text, context: r.context });
 if (o.unsure) { unsure++; if (o.intent===r.intent) unsureCorrect++; } else { sure++; if (o.intent===r.intent) sureCorrect++; }
 if (o.intent !== r.intent) { const k = r.intent + "->" + o.intent; conf.set(k, (conf.get(k) ?? 0) + 1); (ex[k] ??= []).push(r.text + (r.context? " [ctx:"+r.context.at(-1)+"]":"")); } }
console.log("sure", sure, (sureCorrect/sure).toFixed(3), "unsure", unsure, (unsureCorrect/unsure).toFixed(3));
for (const [k, n] of [...conf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(n, k, "|", ex[k]!.slice(0, 3).join(" || "));
