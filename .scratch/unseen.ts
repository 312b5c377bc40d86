import { UNSEEN, LANGS } from "../intents/testdata/unseen-examples.js";
import { loadLocalClassifier } from "../intents/load-local-classifier.js";
import { readCorpus } from "../intents/read-corpus.js";
const clf = await loadLocalClassifier();
const corpus = readCorpus();
const texts = new Set([...corpus.intents, ...corpus.sentiment].map((r) => r.text.trim().toLowerCase()));
const per: Record<string, [number, number, number, number]> = {};
const errs: string[] = [];
for (const [intent, lines] of Object.entries(UNSEEN)) lines.forEach((t, i) => {
  const lang = LANGS[i]!; if (texts.has(t.toLowerCase())) console.log("IN CORPUS:", t);
  const o = clf.classifySync({ text: t }); const p = per[lang] ?? [0, 0, 0, 0];
  p[0] += o.intent === intent ? 1 : 0; p[1]++; p[2] += o.lang === lang ? 1 : 0;
  p[3] += o.group === (clf as any) ? 0 : 0;
  per[lang] = p; if (o.intent !== intent) errs.push(`${lang} ${intent}->${o.intent}(${o.confidence}) ${t}`); if (o.lang !== lang) errs.push(`LANG ${lang}->${o.lang}: ${t}`);
});
for (const [l, [a, n, la]] of Object.entries(per)) console.log(l, (a / n).toFixed(2), "lang", (la / n).toFixed(2));
console.log(errs.join("\n"));
