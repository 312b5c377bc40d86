/**
 * The engine's portable surface (no Node APIs): what the service's pipeline imports. Node code
 * loads the shipped model with `loadLocalClassifier()` from `./load-local-classifier.js`.
 */
export * from "./taxonomy.js";
export { createLocalClassifier, type LocalClassifier, type LocalClassifierOptions } from "./local-classifier.js";
export { ModelArtifactSchema, type ModelArtifact } from "./model-artifact.js";
export { detectLanguage } from "./detect-language.js";
export { deriveRisk, PROBLEM_INTENTS } from "./risk-level.js";
export { readContext, type ContextReading } from "./context-rules.js";
