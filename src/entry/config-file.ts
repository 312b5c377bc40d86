import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import { MAX_FAQ_CHARS } from "../replies/shop-settings.ts";

/**
 * Reads CONFIG_FILE (Node only) and inlines each shop's `replies.faqFile` as `replies.faq`, the
 * path taken relative to the config file's folder. The text is validated afterwards with the rest
 * of the file (ConfigFileSchema): size, emptiness, control characters.
 */
export function readConfigFile(path: string): unknown {
  const file = parseJson(readText(path, "CONFIG_FILE"), "CONFIG_FILE");
  const shops = (file as { shops?: unknown })?.shops;
  if (!Array.isArray(shops)) return file;
  for (const shop of shops) {
    const replies = (shop as { replies?: Record<string, unknown> })?.replies;
    if (!replies || typeof replies.faqFile !== "string") continue;
    if (replies.faq !== undefined) throw new ConfigError(`Invalid CONFIG_FILE:\n  - shops: set replies.faq or replies.faqFile, not both`);
    const faqPath = resolve(dirname(path), replies.faqFile);
    // UTF-8 takes at most 4 bytes a character: anything larger cannot fit the limit, so it is not read.
    const size = statOrThrow(faqPath).size;
    if (size > MAX_FAQ_CHARS * 4) throw new ConfigError(`Invalid CONFIG_FILE:\n  - shops: replies.faqFile ${faqPath} is ${size} bytes; the limit is ${MAX_FAQ_CHARS} characters`);
    replies.faq = readText(faqPath, "replies.faqFile");
    delete replies.faqFile;
  }
  return file;
}

function statOrThrow(path: string) {
  try {
    return statSync(path);
  } catch (err) {
    throw new ConfigError(`Invalid CONFIG_FILE:\n  - shops: replies.faqFile ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  - ${what}: ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function parseJson(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  - ${what}: is not valid JSON`);
  }
}
