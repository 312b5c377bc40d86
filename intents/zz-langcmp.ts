import { readCorpus } from "/work/main/intents/read-corpus.js";
import { detectLanguage as a } from "/work/main/intents/zz-orig-detect.ts";
import { detectLanguage as b } from "/work/main/intents/detect-language.js";
const c = readCorpus(); const rows=[...c.intents, ...c.sentiment];
const acc: Record<string,[number,number,number]> = {};
let diff=0; const ex:string[]=[];
for (const r of rows) { const x=a(r.text), y=b(r.text); const e=(acc[r.lang]??=[0,0,0]); e[0]++; if(x===r.lang)e[1]++; if(y===r.lang)e[2]++; if(x!==y){diff++; if(ex.length<25) ex.push(`${r.lang} ${x}->${y}: ${r.text}`);} }
console.log(acc, diff); console.log(ex.join("\n"));
