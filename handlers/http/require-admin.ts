import type { MiddlewareHandler } from "hono";
import { sha256Hex, timingSafeEqual } from "../../src/crypto.ts";
import { AuthError } from "../../src/errors.ts";

/**
 * Guards /api/*: `Authorization: Bearer <ADMIN_TOKEN>`. With no token configured every request is
 * refused (an admin API must never be open by default). Digests are compared in constant time so
 * neither the token's content nor its length leaks. Issue 7's board logins plug in here later.
 */
export function requireAdmin(token: string | undefined): MiddlewareHandler {
  const expected = token ? sha256Hex(token) : null;
  return async (c, next) => {
    if (!expected) throw new AuthError("the admin API is disabled: set ADMIN_TOKEN");
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match || !timingSafeEqual(await sha256Hex(match[1]!), await expected)) throw new AuthError("missing or wrong admin token");
    await next();
  };
}
