/**
 * `npm run eval`: measures the shipped model (intents/model/model.json) on
 *  1. the corpus's held-out split (never trained on: same hash rule as the trainer), and
 *  2. the public sets in ../shared/datasets/ (measuring only: never trained on, never copied),
 * prints tables and a confusion summary, and writes the figures to intents/model/eval.json.
 * Dataset lines whose text also appears in the corpus are left out and counted, so a line that
 * slipped into the corpus cannot flatter the score.
 */
import { renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isHeldOut } from "../intents/corpus-schema.js";
import { BITEXT_GROUP_ONLY, BITEXT_INTENT, SENTIMENT_SETS } from "../intents/eval/dataset-mappings.js";
import { DATASETS_DIR, datasetNames, readDataset } from "../intents/eval/datasets.js";
import { recallPrecision, score, topConfusions } from "../intents/eval/metrics.js";
import { loadLocalClassifier } from "../intents/load-local-classifier.js";
import { readCorpus } from "../intents/read-corpus.js";
import { DEFAULT_INTENTS, GROUP_IDS, type DefaultIntentId } from "../intents/taxonomy.js";

const OUT = fileURLToPath(new URL("../intents/model/eval.json", import.meta.url));

const clf = await loadLocalClassifier();
const corpus = readCorpus();
const groupOf = (id: string) => DEFAULT_INTENTS[id as DefaultIntentId]?.group ?? "feedback";
const pct = (v: number) => (v * 100).toFixed(1).padStart(5);

// 1. Held-out split of the corpus.
const held = corpus.intents.filter((r) => isHeldOut(r.text));
const results = held.map((r) => ({ row: r, out: clf.classifySync({ text: r.text, context: r.context }) }));
const byLang = new Map<string, typeof results>();
for (const r of results) byLang.set(r.row.lang, [...(byLang.get(r.row.lang) ?? []), r]);

const heldOut: Record<string, unknown> = {};
console.log(`\nmodel ${clf.version}: held-out split (${held.length} lines)\n`);
console.log("lang   n    intent-acc  intent-F1  group-acc  sentiment-acc  lang-acc  unsure  acc-when-sure");
const line = (name: string, rs: typeof results) => {
  const intent = score(rs.map((r) => [r.row.intent, r.out.intent] as const));
  const group = score(rs.map((r) => [groupOf(r.row.intent), r.out.group] as const));
  const sentiment = score(rs.map((r) => [r.row.sentiment, r.out.sentiment] as const));
  const langAcc = rs.filter((r) => r.out.lang === r.row.lang).length / Math.max(1, rs.length);
  const sure = rs.filter((r) => !r.out.unsure);
  const sureAcc = sure.filter((r) => r.out.intent === r.row.intent).length / Math.max(1, sure.length);
  const unsureShare = 1 - sure.length / Math.max(1, rs.length);
  console.log(
    `${name.padEnd(5)} ${String(rs.length).padStart(4)}   ${pct(intent.accuracy)}      ${pct(intent.macroF1)}     ${pct(group.accuracy)}      ${pct(sentiment.accuracy)}        ${pct(langAcc)}   ${pct(unsureShare)}   ${pct(sureAcc)}`,
  );
  heldOut[name] = { n: rs.length, intentAccuracy: intent.accuracy, intentMacroF1: intent.macroF1, groupAccuracy: group.accuracy, sentimentAccuracy: sentiment.accuracy, langAccuracy: round(langAcc), unsureShare: round(unsureShare), accuracyWhenSure: round(sureAcc) };
};
for (const [lang, rs] of [...byLang.entries()].sort()) line(lang, rs);
line("all", results);

console.log("\nper group (held-out, all languages): intent accuracy inside the group, group F1");
const groupScores = score(results.map((r) => [groupOf(r.row.intent), r.out.group] as const), GROUP_IDS);
const perGroup: Record<string, unknown> = {};
for (const g of GROUP_IDS) {
  const rs = results.filter((r) => groupOf(r.row.intent) === g);
  const acc = rs.filter((r) => r.out.intent === r.row.intent).length / Math.max(1, rs.length);
  perGroup[g] = { n: rs.length, intentAccuracy: round(acc), groupF1: groupScores.perClass[g]?.f1 ?? 0 };
  console.log(`  ${g.padEnd(11)} n=${String(rs.length).padStart(4)}  intent-acc ${pct(acc)}  group-F1 ${pct(groupScores.perClass[g]?.f1 ?? 0)}`);
}
const confusions = topConfusions(results.map((r) => [r.row.intent, r.out.intent] as const), 12);
console.log("\ntop confusions (gold → predicted):");
for (const c of confusions) console.log(`  ${String(c.count).padStart(3)}  ${c.pair}`);

// 2. Public datasets.
const datasets: Record<string, unknown> = {};
const names = datasetNames();
if (names.length === 0) {
  console.log(`\n(no ${DATASETS_DIR}: dataset evaluation skipped)`);
} else {
  const corpusTexts = new Set([...corpus.intents, ...corpus.sentiment].map((r) => r.text.trim().toLowerCase()));
  const read = (name: string) => {
    const rows = readDataset(name);
    const clean = rows.filter((r) => !corpusTexts.has(r.text.trim().toLowerCase()));
    return { rows: clean, overlap: rows.length - clean.length };
  };
  console.log(`\npublic datasets (${DATASETS_DIR})\n`);
  const langAcc: Record<string, number> = {};

  if (names.includes("bitext")) {
    const { rows, overlap } = read("bitext");
    const outs = rows.map((r) => ({ r, o: clf.classifySync({ text: r.text }) }));
    const mapped = outs.filter(({ r }) => BITEXT_INTENT[r.label] || BITEXT_GROUP_ONLY[r.label]);
    const intentPairs = mapped.filter(({ r }) => BITEXT_INTENT[r.label]).map(({ r, o }) => [BITEXT_INTENT[r.label]!, o.intent] as const);
    const groupPairs = mapped.map(({ r, o }) => [BITEXT_INTENT[r.label] ? groupOf(BITEXT_INTENT[r.label]!) : BITEXT_GROUP_ONLY[r.label]!, o.group] as const);
    const intent = score(intentPairs);
    const group = score(groupPairs);
    datasets.bitext = { n: mapped.length, excludedOverlap: overlap, groupAccuracy: group.accuracy, intentAccuracy: intent.accuracy, intentMacroF1: intent.macroF1, perIntentF1: Object.fromEntries(Object.entries(intent.perClass).map(([k, v]) => [k, v.f1])), topConfusions: topConfusions(intentPairs, 8) };
    console.log(`bitext (en, ${mapped.length} mapped lines): group-acc ${pct(group.accuracy)}  intent-acc ${pct(intent.accuracy)}  intent-macro-F1 ${pct(intent.macroF1)}   [targets: group ≥ 90, F1 ≥ 80]`);
    for (const c of topConfusions(intentPairs, 8)) console.log(`    ${String(c.count).padStart(3)}  ${c.pair}`);
    langAcc.bitext = outs.filter(({ r, o }) => o.lang === r.lang).length / outs.length;
  }
  if (names.includes("semipqa")) {
    const { rows, overlap } = read("semipqa");
    const outs = rows.map((r) => ({ r, o: clf.classifySync({ text: r.text }) }));
    const presale = outs.filter(({ o }) => o.group === "presale").length / outs.length;
    const where = score(outs.map(({ o }) => ["presale", o.group] as const));
    datasets.semipqa = { n: outs.length, excludedOverlap: overlap, presaleShare: round(presale), predictedGroups: Object.fromEntries(GROUP_IDS.map((g) => [g, outs.filter(({ o }) => o.group === g).length])) };
    console.log(`semipqa (en, ${outs.length} product questions): in presale ${pct(presale)}   [target ≥ 90]  (${JSON.stringify((datasets.semipqa as { predictedGroups: unknown }).predictedGroups)})`);
    void where;
    langAcc.semipqa = outs.filter(({ r, o }) => o.lang === r.lang).length / outs.length;
  }
  const sentiment: Record<string, unknown> = {};
  for (const [name, isNegative] of Object.entries(SENTIMENT_SETS)) {
    if (!names.includes(name)) continue;
    const { rows, overlap } = read(name);
    const outs = rows.map((r) => ({ r, o: clf.classifySync({ text: r.text }) }));
    const rp = recallPrecision(outs.map(({ r, o }) => [isNegative(r.label), o.sentiment === "negative"] as const));
    sentiment[name] = { ...rp, excludedOverlap: overlap, lang: rows[0]?.lang };
    const ok = rp.recall >= 0.85 && rp.precision >= 0.75 ? "ok" : "below target";
    console.log(`${name.padEnd(24)} (${rows[0]?.lang}, n=${rp.n}, negatives=${rp.positives}): negative recall ${pct(rp.recall)}  precision ${pct(rp.precision)}   [targets ≥ 85 / ≥ 75: ${ok}]`);
    // Where the errors are, without showing any line: gold label → predicted tone, and the share
    // called negative by text length (which kinds of texts fail, not which texts).
    const cells = new Map<string, number>();
    for (const { r, o } of outs) {
      const gold = name === "uit_visfd" ? (isNegative(r.label) ? "all-negative" : "not-all-negative") : r.label;
      const key = `${gold} → ${o.sentiment}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    console.log(`    gold → predicted: ${[...cells.entries()].sort().map(([k, v]) => `${k} ${v}`).join(", ")}`);
    const buckets = [40, 100, 250, Infinity];
    const byLength = buckets.map((max, i) => {
      const inBucket = outs.filter(({ r }) => r.text.length <= max && (i === 0 || r.text.length > buckets[i - 1]!));
      const neg = inBucket.filter(({ r }) => isNegative(r.label));
      const calm = inBucket.filter(({ r }) => !isNegative(r.label));
      return `≤${max === Infinity ? "∞" : max} chars: n=${inBucket.length} recall ${pct(neg.filter(({ o }) => o.sentiment === "negative").length / Math.max(1, neg.length))}, calm called negative ${pct(calm.filter(({ o }) => o.sentiment === "negative").length / Math.max(1, calm.length))}`;
    });
    console.log(`    by length: ${byLength.join("; ")}`);
    langAcc[name] = outs.filter(({ r, o }) => o.lang === r.lang).length / outs.length;
  }
  datasets.sentiment = sentiment;
  const total = Object.values(langAcc);
  datasets.language = { ...Object.fromEntries(Object.entries(langAcc).map(([k, v]) => [k, round(v)])), mean: round(total.reduce((a, b) => a + b, 0) / Math.max(1, total.length)) };
  console.log(`language detection: ${Object.entries(langAcc).map(([k, v]) => `${k} ${pct(v)}`).join(", ")}   [target ≥ 95]`);
}

// Temporary file + rename: nobody reads a half-written eval.json.
writeFileSync(`${OUT}.${process.pid}.tmp`, JSON.stringify({ model: clf.version, heldOut, perGroup, confusions, datasets }, null, 2) + "\n");
renameSync(`${OUT}.${process.pid}.tmp`, OUT);
console.log(`\nfigures written to ${OUT}`);

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
