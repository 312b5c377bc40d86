/**
 * Web Crypto helpers shared by every signature check (Node and Workers alike).
 * Signatures are always computed over raw bytes, never over re-serialised JSON.
 */
const encoder = new TextEncoder();

export type Bytes = Uint8Array | string;

function toBytes(data: Bytes): Uint8Array<ArrayBuffer> {
  return typeof data === "string" ? encoder.encode(data) : new Uint8Array(data);
}

/** Concatenates byte chunks (e.g. a prefix string and the raw body) without decoding the body. */
export function concatBytes(...parts: Bytes[]): Uint8Array<ArrayBuffer> {
  const chunks = parts.map(toBytes);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

export function toHex(buf: ArrayBuffer | Uint8Array): string {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

export async function hmacSha256Hex(secret: Bytes, message: Bytes): Promise<string> {
  const key = await crypto.subtle.importKey("raw", toBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return toHex(await crypto.subtle.sign("HMAC", key, toBytes(message)));
}

export async function sha256Hex(message: Bytes): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", toBytes(message)));
}

/**
 * Constant-time comparison of two strings (hex digests, tokens). Runs over the longer length so
 * neither the position of the first difference nor a length mismatch leaks through timing.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const len = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < len; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
