import { eld } from "eld/small";
import { readCorpus } from "./read-corpus.js";
import { isHeldOut } from "./corpus-schema.js";
let calls = 0; let cur = ""; const hit: string[] = [];
const on = eld.newInstance.bind(eld); (eld as any).newInstance = () => { const d: any = on(); const od = d.detect.bind(d); d.detect = (t: string) => { calls++; hit.push(cur); return od(t); }; return d; };
const { detectLanguage } = await import("./detect-language.js");
const rows = readCorpus().intents.filter((r) => isHeldOut(r.text));
const byLang: Record<string, number> = {};
for (const r of rows) { const before = calls; cur = r.lang + " | " + r.text; detectLanguage(r.text); if (calls > before) byLang[r.lang] = (byLang[r.lang] ?? 0) + 1; }
console.log(rows.length, calls, byLang); console.log(hit.filter(h=>h.startsWith("en")).slice(0, 15).join("\n")); console.log(hit.filter(h=>h.startsWith("es")).slice(0, 8).join("\n")); console.log(hit.filter(h=>h.startsWith("de")).slice(0, 8).join("\n"));console.log(hit.filter(h=>h.startsWith("id")).slice(0, 8).join("\n"));
