/**
 * Signed calls to the TikTok Shop Open API (202309 versions). Every call carries `app_key`, a fresh
 * 10-digit `timestamp` (TikTok accepts 5 min before to 30 s after its clock), `shop_cipher`, `sign`,
 * and the token in the `x-tts-access-token` header (not signed). Failures become UpstreamError with
 * TikTok's `request_id` (MUST rule 21) and a retry flag.
 */
import { z } from "zod";
import { UpstreamError, ValidationError } from "../../../src/errors.ts";
import type { ShopAuth } from "../../../src/ports.ts";
import { signTikTokRequest } from "./sign.ts";

export const VENDOR = "tiktok_shop";

export type TikTokHttp = {
  appKey: string;
  appSecret: string;
  /** Scheme and host only (e.g. https://open-api.tiktokglobalshop.com): the signed path is TikTok's. */
  baseUrl: string;
  fetch: typeof fetch;
  /** Milliseconds since the epoch. */
  now: () => number;
  timeoutMs: number;
};

/** TikTok's response envelope (common-errors page); `data` is checked per endpoint. */
const envelopeSchema = z.looseObject({
  code: z.coerce.number(),
  message: z.string().optional(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});
type Envelope = z.infer<typeof envelopeSchema>;

/**
 * Business codes where a later retry can succeed (partner.tiktokshop.com common-errors, as copied in
 * public SDKs): 36009002 too many requests, 36009003 internal error, 36009007 request timeout.
 * Everything else (bad sign 106001, expired token 105002, 36009004 validation, scope 105005, ...) will
 * fail again as sent.
 */
const RETRYABLE_CODES = new Set([36009002, 36009003, 36009007]);

export type TikTokRequest = {
  method: "GET" | "POST";
  path: string;
  shop: ShopAuth;
  query?: Record<string, string>;
  /** JSON body; serialised once and the same bytes are signed and sent. */
  json?: unknown;
};

/** Performs one signed call and returns the validated `data` of a `code: 0` answer. */
export async function callTikTok<T>(http: TikTokHttp, req: TikTokRequest, data: z.ZodType<T>): Promise<T> {
  const query: Record<string, string> = {
    ...req.query,
    app_key: http.appKey,
    timestamp: String(Math.floor(http.now() / 1000)),
    ...(req.shop.cipher ? { shop_cipher: req.shop.cipher } : {}),
  };
  const body = req.json === undefined ? undefined : new TextEncoder().encode(JSON.stringify(req.json));
  const sign = await signTikTokRequest({ appSecret: http.appSecret, path: req.path, query, body });
  const url = `${http.baseUrl.replace(/\/+$/, "")}${req.path}?${new URLSearchParams({ ...query, sign })}`;
  const what = `${req.method} ${req.path}`;

  let res: Response;
  try {
    res = await http.fetch(url, {
      method: req.method,
      headers: { "content-type": "application/json", "x-tts-access-token": req.shop.accessToken },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(http.timeoutMs),
    });
  } catch (cause) {
    // Network failure or timeout: the outcome is unknown, so a retry is the only way forward.
    throw new UpstreamError(VENDOR, `${what}: request failed (${(cause as Error)?.name ?? "error"})`, {
      retry: true,
      cause,
    });
  }

  const text = await res.text().catch(() => "");
  const envelope = parseEnvelope(text);
  // TikTok's request_id is in the body; x-tt-logid is a fallback for bodies from its edge (UNVERIFIED header name).
  const requestId = envelope?.request_id ?? res.headers.get("x-tt-logid") ?? undefined;
  const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), http.now());

  if (!res.ok || !envelope || envelope.code !== 0) {
    throw toUpstreamError(what, res.status, envelope, requestId, retryAfterMs);
  }
  const parsed = data.safeParse(envelope.data);
  if (!parsed.success) {
    // The call succeeded (code 0); a retry could repeat a side effect such as a sent reply, so no retry.
    throw new UpstreamError(VENDOR, `${what}: unexpected response data: ${z.prettifyError(parsed.error)}`, {
      status: res.status,
      vendorCode: 0,
      requestId,
      retry: false,
    });
  }
  return parsed.data;
}

function parseEnvelope(text: string): Envelope | null {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function toUpstreamError(
  what: string,
  status: number,
  envelope: Envelope | null,
  requestId: string | undefined,
  retryAfterMs: number | undefined,
): UpstreamError {
  const code = envelope?.code;
  const retry =
    status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
  const detail = envelope ? `code ${envelope.code}: ${envelope.message ?? "no message"}` : "no TikTok envelope";
  return new UpstreamError(VENDOR, `${what} → HTTP ${status}, ${detail}`, {
    status,
    ...(code !== undefined ? { vendorCode: code } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    retry,
  });
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** A path segment from an id we were given; refuses ids that could change the signed path. */
export function pathId(id: string, what: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(id)) throw new ValidationError(`TikTok ${what} id is invalid: ${JSON.stringify(id)}`);
  return id;
}
