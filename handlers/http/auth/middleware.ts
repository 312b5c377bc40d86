/**
 * Login for the board (`/`, `/board/*`) and the admin API (`/api/*`): a bearer ADMIN_TOKEN, or a
 * signed session cookie from the login form (ADMIN_TOKEN or a CONFIG_FILE user). Anonymous
 * requests are refused, except in local demo mode (no shop platform configured, bound to
 * 127.0.0.1), where the board is open so the first `npm start` shows the product at once.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppConfig } from "../../../src/config.ts";
import { timingSafeEqual } from "../../../src/crypto.ts";
import { csrfToken, readSession, SESSION_COOKIE, type Principal, type Role, type SessionKeys } from "./session.ts";

export type AuthVars = { Variables: { principal: Principal; csrf: string } };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Anonymous access is a property of how the service was started, never of a request. */
export function anonymousAllowed(config: AppConfig): boolean {
  return config.demo !== null && LOOPBACK.test(config.host);
}

export function requireLogin(config: AppConfig, keys: SessionKeys, now: () => Date): MiddlewareHandler<AuthVars> {
  const demoNonce = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16)).join("");
  return async (c, next) => {
    const principal = await identify(c, config, keys, now().getTime(), demoNonce);
    if (!principal) return refuse(c);
    c.set("principal", principal);
    c.set("csrf", await csrfToken(keys, principal));
    await next();
  };
}

async function identify(c: Context, config: AppConfig, keys: SessionKeys, nowMs: number, demoNonce: string): Promise<Principal | null> {
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer !== undefined) {
    // A wrong token is refused outright rather than falling back to a cookie or demo access.
    return config.auth.adminToken && timingSafeEqual(bearer, config.auth.adminToken)
      ? { id: "admin", name: "admin (token)", role: "admin", via: "token", nonce: "bearer" }
      : null;
  }
  const session = await readSession(keys, getCookie(c, SESSION_COOKIE), nowMs);
  if (session) return session;
  if (anonymousAllowed(config)) return { id: "demo", name: "demo user", role: "admin", via: "demo", nonce: demoNonce };
  return null;
}

function refuse(c: Context) {
  if (c.req.path.startsWith("/api/") || c.req.header("accept")?.includes("text/event-stream") || c.req.method !== "GET") {
    return c.json({ error: { code: "UNAUTHORIZED", message: "log in, or send Authorization: Bearer <ADMIN_TOKEN>" } }, 401, {
      "www-authenticate": 'Bearer realm="reply-triage"',
    });
  }
  return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
}

/**
 * CSRF for board POSTs made with a cookie (or in demo mode): the session's token in the
 * `x-csrf-token` header (or a `_csrf` form field), and a same-origin Origin when the browser sends
 * one. Bearer requests carry no ambient credential and need neither.
 */
export function requireCsrf(): MiddlewareHandler<AuthVars> {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.get("principal").via === "token") return next();
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) return c.json({ error: { code: "FORBIDDEN", message: "cross-origin request refused" } }, 403);
    let sent = c.req.header("x-csrf-token");
    if (!sent && (c.req.header("content-type") ?? "").includes("application/x-www-form-urlencoded")) {
      const form = await c.req.parseBody();
      sent = typeof form._csrf === "string" ? form._csrf : undefined;
    }
    if (!sent || !timingSafeEqual(sent, c.get("csrf"))) return c.json({ error: { code: "FORBIDDEN", message: "missing or invalid CSRF token" } }, 403);
    return next();
  };
}

const RANK: Record<Role, number> = { agent: 1, manager: 2, admin: 3 };

/** Refuses principals below `role` (403). */
export function requireRole(role: Role): MiddlewareHandler<AuthVars> {
  return async (c, next) => {
    if (RANK[c.get("principal").role] < RANK[role]) return c.json({ error: { code: "FORBIDDEN", message: `needs the ${role} role` } }, 403);
    return next();
  };
}
