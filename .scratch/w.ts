import { readFileSync } from "node:fs";
import { decodeArtifact } from "../intents/model-artifact.js";
const m = decodeArtifact(JSON.parse(readFileSync("intents/model/model.json", "utf8")));
const h = m.packed.heads.sentiment; const W = m.packed.width;
for (const name of process.argv.slice(2)) { const i = m.features.indexOf(name); if (i < 0) { console.log(name, "absent"); continue; } const w = h.labels.map((l, c) => l + "=" + (m.packed.rows[i * W + h.offset + c]! * h.scale).toFixed(2)); console.log(name.padEnd(16), w.join(" ")); }
console.log("bias", Array.from(h.bias).map((b) => b.toFixed(2)).join(" "), "T", h.temperature);
