import { eld } from "eld/small";
import { eld as xs } from "eld/extrasmall";
import { readFileSync, readdirSync } from "node:fs";
const dir = "/work/main/intents/corpus/";
const all = ["en","es","id"].flatMap(l=>readFileSync(dir+l+".jsonl","utf8").split("\n").filter(Boolean).map(l=>JSON.parse(l).text as string));
for (const [name, d0] of [["small",eld],["xs",xs]] as const) { const d = d0.newInstance(); d.setLanguageSubset(["en","ms","vi","tl","es","de","pt"]);
 for (const t of all) d.detect(t);
 const t0=performance.now(); let n=0; for (let k=0;k<20;k++) for (const t of all) { d.detect(t); n++; }
 console.log(name, "us/msg", ((performance.now()-t0)/n*1000).toFixed(2), all.length); }
 const d = eld.newInstance(); d.setLanguageSubset(false as any);
 const t0=performance.now(); let n=0; for (let k=0;k<20;k++) for (const t of all) { d.detect(t); n++; }
 console.log("nosubset us/msg", ((performance.now()-t0)/n*1000).toFixed(2));
