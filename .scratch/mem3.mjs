const W = 43, nF = 30000;
const rows = new Int8Array(nF * W).map(() => (Math.random() * 200 - 100) | 0);
const xs = Array.from({ length: 1000 }, () => { const idx = new Int32Array(90); const val = new Float64Array(90); const vi = new Int32Array(90); for (let k = 0; k < 90; k++) { idx[k] = (Math.random() * nF) | 0; val[k] = Math.random(); vi[k] = (val[k] * 1024) | 0; } return { idx, val, vi, n: 90 }; });
const dbl = (x) => { const out = new Float64Array(W); for (let j = 0; j < x.n; j++) { const base = x.idx[j] * W; const v = x.val[j]; for (let c = 0; c < W; c++) out[c] += rows[base + c] * v; } return out; };
const int = (x) => { const out = new Int32Array(W); for (let j = 0; j < x.n; j++) { const base = x.idx[j] * W; const v = x.vi[j]; for (let c = 0; c < W; c++) out[c] = (out[c] + rows[base + c] * v) | 0; } return out; };
const unrolled = (x) => { const out = new Float64Array(W); for (let j = 0; j < x.n; j++) { const base = x.idx[j] * W; const v = x.val[j]; let c = 0; for (; c + 4 <= W; c += 4) { out[c] += rows[base + c] * v; out[c+1] += rows[base + c+1] * v; out[c+2] += rows[base + c+2] * v; out[c+3] += rows[base + c+3] * v; } for (; c < W; c++) out[c] += rows[base + c] * v; } return out; };
for (const [name, run] of [["dbl", dbl], ["int", int], ["unrolled", unrolled], ["dbl", dbl]]) {
  for (let r = 0; r < 2; r++) { const t = performance.now(); let n = 0; while (performance.now() - t < 400) { for (const x of xs) run(x); n += xs.length; } console.log(name, ((performance.now() - t) / n * 1000).toFixed(2), "us"); }
}
