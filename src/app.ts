import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { createLarkVerifier } from "../adapters/chat/lark/verify.ts";
import { createSlackVerifier } from "../adapters/chat/slack/verify.ts";
import { larkRoutes } from "../handlers/http/lark-events.ts";
import { adminApiRoutes } from "../handlers/http/admin-api.ts";
import { analyticsApiRoutes } from "../handlers/http/analytics-api.ts";
import { boardApi, boardPages } from "../handlers/http/board.ts";
import { loginRoutes } from "../handlers/http/auth/login.ts";
import { requireCsrf, requireLogin, requireRole, type AuthVars } from "../handlers/http/auth/middleware.ts";
import { sessionKeys } from "../handlers/http/auth/session.ts";
import { demoShopRoutes } from "../handlers/http/demo-shop.ts";
import { slackRoutes } from "../handlers/http/slack-events.ts";
import { tiktokWebhookRoutes } from "../handlers/http/tiktok-webhook.ts";
import type { Deps } from "./deps.ts";
import { BaseError, codeToStatus } from "./errors.ts";
import { errorFields } from "./logger.ts";

/** The HTTP surface: webhooks in, chat callbacks in, health. Routes get resolved config, never env. */
export function buildApp(deps: Deps) {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    try {
      await deps.db.execute(sql`select 1`);
      return c.json({ ok: true, db: deps.database.kind });
    } catch (err) {
      deps.log.error("healthz.db", errorFields(err));
      return c.json({ ok: false }, 503);
    }
  });
  app.route("/webhooks", tiktokWebhookRoutes(deps));
  if (deps.config.slack) {
    app.route("/slack", slackRoutes(deps, createSlackVerifier({ signingSecret: deps.config.slack.signingSecret, now: () => deps.now().getTime() })));
  }
  const lark = deps.config.lark;
  if (lark?.encryptKey && lark.verificationToken) {
    const verify = createLarkVerifier({ encryptKey: lark.encryptKey, verificationToken: lark.verificationToken, now: () => deps.now().getTime() });
    app.route("/lark", larkRoutes(deps, verify));
  }
  if (deps.demo) app.route("/demo/tiktok", demoShopRoutes(deps.demo.shop));

  // The board and the admin API: login required (anonymous only in local demo mode), CSRF on POSTs.
  const keys = sessionKeys(deps.config.auth);
  app.route("/", loginRoutes(deps.config, keys, deps.now));
  const guarded = new Hono<AuthVars>();
  const login = requireLogin(deps.config, keys, deps.now);
  for (const path of ["/", "/board/*", "/api/*"]) guarded.use(path, login, requireCsrf());
  // Other /api routes are admin tools; the board's own API is for every role.
  guarded.use("/api/*", async (c, next) => (c.req.path.startsWith("/api/board/") ? next() : requireRole("admin")(c, next)));
  guarded.route("/api/board", boardApi(deps));
  // Admin tools: after the login and role checks, and still behind the ADMIN_TOKEN bearer itself.
  guarded.route("/api", adminApiRoutes(deps));
  guarded.route("/api", analyticsApiRoutes(deps));
  guarded.route("/", boardPages(deps));
  app.route("/", guarded);

  app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: "no such route" } }, 404));
  app.onError((err, c) => {
    if (err instanceof BaseError) {
      const status = codeToStatus(err.code);
      if (status >= 500) deps.log.error("http.error", { path: c.req.path, ...errorFields(err) });
      else deps.log.info("http.rejected", { path: c.req.path, status, reason: err.message });
      return c.json({ error: { code: err.code, message: err.message } }, status);
    }
    deps.log.error("http.error", { path: c.req.path, ...errorFields(err) });
    return c.json({ error: { code: "INTERNAL", message: "internal error" } }, 500);
  });
  return app;
}
