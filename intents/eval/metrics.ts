/** Accuracy, per-class F1 and macro-F1 over (gold, predicted) pairs. */
export type Scores = { n: number; accuracy: number; macroF1: number; perClass: Record<string, { f1: number; support: number }> };

export function score(pairs: readonly (readonly [gold: string, pred: string])[], classes?: readonly string[]): Scores {
  const labels = classes ?? [...new Set(pairs.map(([g]) => g))];
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let correct = 0;
  for (const [g, p] of pairs) {
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
    }
  }
  const perClass: Scores["perClass"] = {};
  let sum = 0;
  let counted = 0;
  for (const c of labels) {
    const t = tp.get(c) ?? 0;
    const support = t + (fn.get(c) ?? 0);
    const prec = t + (fp.get(c) ?? 0) === 0 ? 0 : t / (t + (fp.get(c) ?? 0));
    const rec = support === 0 ? 0 : t / support;
    const f1 = prec + rec === 0 ? 0 : (2 * prec * rec) / (prec + rec);
    perClass[c] = { f1: round(f1), support };
    // Macro-F1 averages the classes that occur in the gold labels: a class with no example cannot be scored.
    if (support > 0) {
      sum += f1;
      counted++;
    }
  }
  return { n: pairs.length, accuracy: round(pairs.length ? correct / pairs.length : 0), macroF1: round(counted ? sum / counted : 0), perClass };
}

/** Recall and precision of one label treated as "positive" (e.g. negative sentiment). */
export function recallPrecision(pairs: readonly (readonly [gold: boolean, pred: boolean])[]): { n: number; positives: number; recall: number; precision: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [g, p] of pairs) {
    if (g && p) tp++;
    else if (!g && p) fp++;
    else if (g && !p) fn++;
  }
  return { n: pairs.length, positives: tp + fn, recall: round(tp + fn ? tp / (tp + fn) : 0), precision: round(tp + fp ? tp / (tp + fp) : 0) };
}

/** The most frequent confusions, "gold → predicted". */
export function topConfusions(pairs: readonly (readonly [string, string])[], k: number): { pair: string; count: number }[] {
  const m = new Map<string, number>();
  for (const [g, p] of pairs) if (g !== p) m.set(`${g} → ${p}`, (m.get(`${g} → ${p}`) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([pair, count]) => ({ pair, count }));
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
