import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createLocalClassifier, type LocalClassifier, type LocalClassifierOptions } from "./local-classifier.js";

/** The one Node-only entry point of the engine: reads the shipped artifact and builds the classifier. */
export const MODEL_PATH = fileURLToPath(new URL("./model/model.json", import.meta.url));

export async function loadLocalClassifier(options: LocalClassifierOptions & { path?: string } = {}): Promise<LocalClassifier> {
  const json: unknown = JSON.parse(await readFile(options.path ?? MODEL_PATH, "utf8"));
  return createLocalClassifier(json, options);
}
