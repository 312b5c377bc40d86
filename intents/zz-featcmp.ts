import { readCorpus } from "./read-corpus.js";
import { normalize, tokenize, textFeatures, contextFeatures, hashName, HashSink, emitTextFeatures } from "./features.js";
const NO_SPACE_SCRIPT = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const HAN_KANA = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;
function cg(out: string[], prefix: string, chars: string[], minN: number, maxN: number) {
  for (let i = 0; i + minN <= chars.length; i++) { let cur = prefix + chars[i];
    for (let n = 2; n <= maxN && i + n <= chars.length; n++) { cur += chars[i + n - 1];
      if (n >= minN && (n > 2 || minN === maxN || chars[i]!.charCodeAt(0) > 0x7f || chars[i + 1]!.charCodeAt(0) > 0x7f)) out.push(cur); } } }
function old(text: string): string[] { const out: string[] = []; const tokens = tokenize(normalize(text)); let prev: string|undefined;
  for (const t of tokens) { if (NO_SPACE_SCRIPT.test(t)) { if (t.length <= 6) out.push("w:" + t); prev = undefined; } else { out.push("w:" + t); if (prev !== undefined) out.push("b:" + prev + " " + t); prev = t; } }
  const chars = Array.from(" " + tokens.join(" ") + " "); cg(out, "c:", chars, 2, 3); for (const ch of chars) if (HAN_KANA.test(ch)) out.push("c:" + ch);
  const n = tokens.length; if (n <= 8) out.push(n <= 1 ? "len:1" : n <= 3 ? "len:3" : "len:8"); return out; }
function oldCtx(last: string): string[] { const out = ["x:any"]; for (const t of tokenize(normalize(last))) { if (NO_SPACE_SCRIPT.test(t)) cg(out, "x:", Array.from(t), 2, 2); else out.push("x:" + t); } return out; }
const c = readCorpus(); let bad = 0;
const texts = [...c.intents.map(r => r.text), ...c.sentiment.map(r => r.text), "😍😍 còn size M 👍🏽 ok", "𠮷野家 有货吗"];
const hs = new HashSink();
for (const t of texts) { const a = JSON.stringify(old(t)), b = JSON.stringify(textFeatures(t)); hs.reset(); emitTextFeatures(t, hs);
  if (a !== b || JSON.stringify(hs.hashes) !== JSON.stringify(textFeatures(t).map(hashName))) { if (bad++ < 3) console.log("DIFF", t, a.slice(0,300), b.slice(0,300)); } }
for (const r of c.intents) if (r.context?.length) { const a = JSON.stringify(oldCtx(r.context.at(-1)!)), b = JSON.stringify(contextFeatures(r.context)); if (a !== b && bad++ < 6) console.log("CTX", a, b); }
console.log("texts", texts.length, "bad", bad);
