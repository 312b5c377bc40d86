const L = 31, nF = 70000;
const w8 = new Int8Array(nF * L).map(() => (Math.random() * 200 - 100) | 0);
const w32 = Float32Array.from(w8);
const cm8 = new Int8Array(nF * L); for (let f = 0; f < nF; f++) for (let c = 0; c < L; c++) cm8[c * nF + f] = w8[f * L + c];
const xs = Array.from({ length: 1000 }, () => { const idx = new Int32Array(94); const val = new Float64Array(94); for (let k = 0; k < 94; k++) { idx[k] = (Math.random() * nF) | 0; val[k] = Math.random(); } return { idx, val }; });
const out = new Float64Array(L);
const fm = (w) => (x) => { out.fill(0); const n = x.idx.length; for (let j = 0; j < n; j++) { const base = x.idx[j] * L; const v = x.val[j]; for (let c = 0; c < L; c++) out[c] += w[base + c] * v; } return out[0]; };
const cm = (x) => { const n = x.idx.length; for (let c = 0; c < L; c++) { const off = c * nF; let acc = 0; for (let j = 0; j < n; j++) acc += cm8[off + x.idx[j]] * x.val[j]; out[c] = acc; } return out[0]; };
// integer accumulate then scale: int8*int quantised val? keep double
const fmLocal = (w) => (x) => { const n = x.idx.length; const acc = new Float64Array(L); for (let j = 0; j < n; j++) { const base = x.idx[j] * L; const v = x.val[j]; for (let c = 0; c < L; c++) acc[c] += w[base + c] * v; } return acc[0]; };
for (const [name, run] of [["fm8", fm(w8)], ["fm32", fm(w32)], ["cm8", cm], ["fm8local", fmLocal(w8)]]) {
  for (let r = 0; r < 2; r++) { const t = performance.now(); let n = 0; while (performance.now() - t < 400) { for (const x of xs) run(x); n += xs.length; } console.log(name, ((performance.now() - t) / n * 1000).toFixed(2), "us"); }
}
