const L = 31;
for (const nF of [5000, 70000]) {
  const w = new Int8Array(nF * L).map(() => (Math.random() * 200 - 100) | 0);
  const xs = Array.from({ length: 1000 }, () => { const idx: number[] = []; const val: number[] = []; for (let k = 0; k < 94; k++) { idx.push((Math.random() * nF) | 0); val.push(Math.random()); } return { idx, val }; });
  const out = new Float64Array(L);
  const run = (x: { idx: number[]; val: number[] }) => { out.fill(0); for (let j = 0; j < x.idx.length; j++) { const base = x.idx[j]! * L; const v = x.val[j]!; for (let c = 0; c < L; c++) out[c]! += w[base + c]! * v; } return out[0]; };
  for (let r = 0; r < 3; r++) { const t = performance.now(); let n = 0; while (performance.now() - t < 500) { for (const x of xs) run(x); n += xs.length; } console.log(nF, ((performance.now() - t) / n * 1000).toFixed(2), "us"); }
}
