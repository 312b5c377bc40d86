/**
 * Signed session cookies for the board: `<base64url(json)>.<hex HMAC-SHA256>`, HttpOnly and
 * SameSite=Strict. The key is SESSION_SECRET, else derived from ADMIN_TOKEN, else random per
 * process (then sessions end at restart and are not shared between instances: set SESSION_SECRET).
 * Each session carries a random nonce; its CSRF token is an HMAC of that nonce.
 */
import { z } from "zod";
import { hmacSha256Hex, timingSafeEqual } from "../../../src/crypto.ts";
import type { AppConfig } from "../../../src/config.ts";

export const SESSION_COOKIE = "rt_session";
export const SESSION_TTL_S = 12 * 3600;

export type Role = "agent" | "manager" | "admin";
export type Principal = { id: string; name: string; role: Role; via: "token" | "session" | "demo"; nonce: string };

const SessionSchema = z.object({ sub: z.string(), name: z.string(), role: z.enum(["agent", "manager", "admin"]), nonce: z.string(), exp: z.number() });

const b64url = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const unb64url = (s: string) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));

export type SessionKeys = { sign(data: string): Promise<string> };

export function sessionKeys(auth: AppConfig["auth"]): SessionKeys {
  const secret: Promise<string> = auth.sessionSecret
    ? Promise.resolve(auth.sessionSecret)
    : auth.adminToken
      ? hmacSha256Hex(auth.adminToken, "reply-triage board session key")
      : Promise.resolve([...crypto.getRandomValues(new Uint8Array(32))].join("."));
  return { sign: async (data) => hmacSha256Hex(await secret, data) };
}

export async function issueSession(keys: SessionKeys, who: { id: string; name: string; role: Role }, nowMs: number): Promise<string> {
  const nonce = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
  const payload = b64url(JSON.stringify({ sub: who.id, name: who.name, role: who.role, nonce, exp: Math.floor(nowMs / 1000) + SESSION_TTL_S }));
  return `${payload}.${await keys.sign(`session:${payload}`)}`;
}

/** The session's principal, or null for a missing, tampered, malformed or expired cookie. */
export async function readSession(keys: SessionKeys, cookie: string | undefined, nowMs: number): Promise<Principal | null> {
  if (!cookie) return null;
  const [payload, sig] = cookie.split(".");
  if (!payload || !sig || !timingSafeEqual(await keys.sign(`session:${payload}`), sig)) return null;
  try {
    const s = SessionSchema.parse(JSON.parse(unb64url(payload)));
    if (s.exp * 1000 <= nowMs) return null;
    return { id: s.sub, name: s.name, role: s.role, via: "session", nonce: s.nonce };
  } catch {
    return null;
  }
}

/** The CSRF token for a principal's board POSTs (double-bound to the session's nonce). */
export function csrfToken(keys: SessionKeys, principal: Principal): Promise<string> {
  return keys.sign(`csrf:${principal.via}:${principal.nonce}`);
}
