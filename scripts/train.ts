/**
 * `npm run train`: corpus → intents/model/model.json. Prints what it trained on and the held-out
 * figures of the shipped (quantised) model; `npm run eval` has the full tables. `-- --seed N`
 * trains with another shuffling seed, to see how much of a change is seed-to-seed spread.
 */
import { writeFileSync, mkdirSync, renameSync, statSync } from "node:fs";
import { readCorpus } from "../intents/read-corpus.js";
import { buildModel, DEFAULT_TRAIN_CONFIG } from "../intents/train/build-model.js";
import { createLocalClassifier } from "../intents/local-classifier.js";
import { MODEL_PATH } from "../intents/load-local-classifier.js";

const t0 = performance.now();
const corpus = readCorpus();
if (corpus.skipped.length > 0) {
  console.warn(`skipped ${corpus.skipped.length} bad corpus line(s), first: ${JSON.stringify(corpus.skipped.slice(0, 3))}`);
}
const seedArg = process.argv.indexOf("--seed");
const seed = seedArg < 0 ? DEFAULT_TRAIN_CONFIG.seed : Number(process.argv[seedArg + 1]);
if (!Number.isInteger(seed)) throw new Error("--seed needs an integer");
const report = buildModel(corpus.intents, corpus.sentiment, { ...DEFAULT_TRAIN_CONFIG, seed });
mkdirSync(new URL("../intents/model/", import.meta.url), { recursive: true });
// Written to a temporary file and renamed: a reader (the service, a test, another engineer's run)
// sees the old model or the new one, never half of one.
const tmp = `${MODEL_PATH}.${process.pid}.tmp`;
writeFileSync(tmp, JSON.stringify(report.artifact) + "\n");
renameSync(tmp, MODEL_PATH);
const seconds = ((performance.now() - t0) / 1000).toFixed(1);

const clf = createLocalClassifier(report.artifact);
const ho = report.heldOut.intents;
const correct = ho.filter((r) => clf.classifySync({ text: r.text, context: r.context }).intent === r.intent).length;
const a = report.artifact;
console.log(`model ${a.version} written to ${MODEL_PATH} (${(statSync(MODEL_PATH).size / 1e6).toFixed(2)} MB) in ${seconds} s`);
console.log(`train: ${report.train.intents} intent lines + ${report.train.sentiment} sentiment lines; langs ${JSON.stringify(a.trainedOn.langs)}`);
console.log(`features: ${a.features.length} kept of ${report.featuresBeforePrune}; temperatures intent ${report.temperatures.intent}, sentiment ${report.temperatures.sentiment}; negative at P ≥ ${report.negativeAt} (per language ${JSON.stringify(report.negativeAtByLang)})`);
console.log(`held-out intent accuracy (quantised model): ${(correct / Math.max(1, ho.length)).toFixed(3)} on ${ho.length} lines`);
