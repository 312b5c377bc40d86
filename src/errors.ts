/**
 * Typed errors. Every error says whether retrying can help (`retry`): the job runner retries
 * retryable ones with backoff and dead-letters the rest; HTTP handlers map `code` to a status once.
 */
export abstract class BaseError extends Error {
  abstract readonly retry: boolean;
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UPSTREAM"
  | "CONFIG"
  | "INTERNAL";

/** Input that can never succeed as sent (malformed payload, unknown id). */
export class ValidationError extends BaseError {
  readonly retry = false;
  readonly code = "BAD_REQUEST" as const;
}

/** A missing or wrong signature, token or timestamp. */
export class AuthError extends BaseError {
  readonly retry = false;
  readonly code = "UNAUTHORIZED" as const;
}

/** The actor may not do this (e.g. the item is claimed by someone else). */
export class ForbiddenError extends BaseError {
  readonly retry = false;
  readonly code = "FORBIDDEN" as const;
}

export class NotFoundError extends BaseError {
  readonly retry = false;
  readonly code = "NOT_FOUND" as const;
}

/** A state transition lost its compare-and-set: someone else already handled it. */
export class ConflictError extends BaseError {
  readonly retry = false;
  readonly code = "CONFLICT" as const;
}

export class ConfigError extends BaseError {
  readonly retry = false;
  readonly code = "CONFIG" as const;
}

/**
 * A vendor call failed. 429, 5xx and network errors are retryable; other 4xx are not.
 * `retryAfterMs` carries the vendor's Retry-After so the job is rescheduled, not hammered.
 */
export class UpstreamError extends BaseError {
  readonly code = "UPSTREAM" as const;
  readonly retry: boolean;
  readonly vendor: string;
  readonly status?: number;
  readonly vendorCode?: string | number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  constructor(
    vendor: string,
    message: string,
    opts: {
      status?: number;
      vendorCode?: string | number;
      requestId?: string;
      retryAfterMs?: number;
      retry?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(`${vendor}: ${message}`, { cause: opts.cause });
    this.vendor = vendor;
    this.status = opts.status;
    this.vendorCode = opts.vendorCode;
    this.requestId = opts.requestId;
    this.retryAfterMs = opts.retryAfterMs;
    this.retry =
      opts.retry ?? (opts.status === undefined || opts.status === 429 || opts.status >= 500);
  }
}

export function codeToStatus(code: ErrorCode): 400 | 401 | 403 | 404 | 409 | 502 | 500 {
  switch (code) {
    case "BAD_REQUEST":
      return 400;
    case "UNAUTHORIZED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
      return 409;
    case "UPSTREAM":
      return 502;
    case "CONFIG":
    case "INTERNAL":
      return 500;
  }
}

/** Whether a thrown value is worth retrying; unknown errors are retried (they may be transient). */
export function isRetryable(err: unknown): boolean {
  return err instanceof BaseError ? err.retry : true;
}
