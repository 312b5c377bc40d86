/**
 * GET/POST /login and POST /logout. The form takes a CONFIG_FILE user and password, or the
 * ADMIN_TOKEN with the user left empty; success sets the signed session cookie.
 */
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { z } from "zod";
import type { AppConfig } from "../../../src/config.ts";
import { timingSafeEqual } from "../../../src/crypto.ts";
import { verifyPassword } from "./passwords.ts";
import { issueSession, SESSION_COOKIE, SESSION_TTL_S, type SessionKeys } from "./session.ts";

const LoginForm = z.object({ user: z.string().trim().max(64).default(""), password: z.string().max(512), next: z.string().optional() });

/** Only local paths: a login link must not bounce the user to another site. */
const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\\]*$/.test(next) ? next : "/");

export function loginRoutes(config: AppConfig, keys: SessionKeys, now: () => Date) {
  const app = new Hono();
  app.get("/login", (c) => c.html(loginPage(safeNext(c.req.query("next")), c.req.query("failed") !== undefined)));
  app.post("/login", async (c) => {
    const parsed = LoginForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return c.html(loginPage("/", true), 400);
    const { user, password } = parsed.data;
    const next = safeNext(parsed.data.next);
    let who: { id: string; name: string; role: "agent" | "manager" | "admin" } | null = null;
    if (user === "" && config.auth.adminToken && timingSafeEqual(password, config.auth.adminToken)) {
      who = { id: "admin", name: "admin", role: "admin" };
    } else {
      const found = config.auth.users.find((u) => u.id === user);
      // Unknown users cost a hash too, so response time does not tell which user names exist.
      const ok = await verifyPassword(password, found?.passwordHash ?? "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA$AAAA");
      if (found && ok) who = { id: found.id, name: found.name ?? found.id, role: found.role };
    }
    if (!who) return c.html(loginPage(next, true), 401);
    setCookie(c, SESSION_COOKIE, await issueSession(keys, who, now().getTime()), {
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https",
      path: "/",
      maxAge: SESSION_TTL_S,
    });
    return c.redirect(next, 303);
  });
  app.post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });
  return app;
}

function loginPage(next: string, failed: boolean) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Log in · reply-triage</title>
<style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;background:#f5f6f8}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;display:grid;gap:.75rem;min-width:18rem}
label{display:grid;gap:.25rem}input{font:inherit;padding:.4rem}button{font:inherit;padding:.5rem;background:#1f4fd1;color:#fff;border:0;border-radius:4px}
[role=alert]{color:#a40000}</style></head>
<body><main><form method="post" action="/login">
<h1>reply-triage</h1>
${failed ? html`<p role="alert">Wrong user or password.</p>` : ""}
<label>User <input name="user" autocomplete="username" placeholder="leave empty for the admin token"></label>
<label>Password or admin token <input name="password" type="password" autocomplete="current-password" required></label>
<input type="hidden" name="next" value="${next}">
<button type="submit">Log in</button>
</form></main></body></html>`;
}
