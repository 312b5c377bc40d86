/**
 * Node-only: the public evaluation sets (`../shared/datasets/`, or `EVAL_DATASETS_DIR`). Read by
 * `npm run eval` and the tone scripts to measure, and by `check-new-lines` to refuse copies;
 * never by the trainer.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type DatasetRow = { text: string; lang: string; label: string };

export const DATASETS_DIR = process.env.EVAL_DATASETS_DIR ?? fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));

/** The names of the sets present (file names without `.jsonl`); none when the folder is missing. */
export const datasetNames = (): string[] =>
  existsSync(DATASETS_DIR) ? readdirSync(DATASETS_DIR).filter((f) => f.endsWith(".jsonl")).map((f) => f.replace(/\.jsonl$/, "")) : [];

export const readDataset = (name: string): DatasetRow[] =>
  readFileSync(`${DATASETS_DIR}/${name}.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DatasetRow);
