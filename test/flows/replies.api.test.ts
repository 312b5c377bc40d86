import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { requireAdmin } from "../../handlers/http/require-admin.ts";
import { defaultTemplateRows } from "../../src/replies/defaults.ts";
import { startHarness, startVendorMocks, type Harness } from "../support/harness.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());
const TOKEN = "s3cret-admin-token";
const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

describe("requireAdmin", () => {
  const app = (token: string | undefined) => {
    const a = new Hono();
    a.use("*", requireAdmin(token));
    a.get("/x", (c) => c.text("ok"));
    a.onError((err, c) => c.text(err.message, 401));
    return a;
  };
  it.each([
    ["no token configured", undefined, `Bearer ${TOKEN}`, 401],
    ["no header", TOKEN, undefined, 401],
    ["wrong token", TOKEN, "Bearer nope", 401],
    ["not a bearer", TOKEN, TOKEN, 401],
    ["right token", TOKEN, `Bearer ${TOKEN}`, 200],
  ] as const)("%s → %i", async (_, token, header, status) => {
    const res = await app(token).request("/x", { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(status);
  });
});

describe("admin API through the service", () => {
  let h: Harness;
  let open: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite", { ADMIN_TOKEN: TOKEN });
    open = await startHarness("pglite");
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
    await open?.stop();
  });

  it("refuses every /api request without the token, and all of them when none is configured", async () => {
    for (const [path, method] of [["/api/templates", "GET"], ["/api/templates/import", "POST"], ["/api/compliance/check", "POST"]] as const) {
      expect((await h.app.request(path, { method, body: method === "POST" ? "{}" : undefined })).status).toBe(401);
      expect((await open.app.request(path, { method, headers: auth, body: method === "POST" ? "{}" : undefined })).status).toBe(401);
    }
  });

  it("seeds the default library once (idempotent across restarts)", async () => {
    const res = await h.app.request("/api/templates?shop=*", { headers: auth });
    const { templates } = (await res.json()) as { templates: unknown[] };
    expect(templates).toHaveLength(defaultTemplateRows().length);
    const { seedDefaultTemplates } = await import("../../src/replies/library.ts");
    expect(await seedDefaultTemplates(h.deps.db)).toBe(0);
  });

  it("creates, updates, deletes, exports and imports templates; refuses unknown variables", async () => {
    const bad = await h.app.request("/api/templates", { method: "POST", headers: auth, body: JSON.stringify({ shopId: "shop1", intent: "greeting", lang: "en", text: "Hi {nickname}" }) });
    expect(bad.status).toBe(400);
    const created = await h.app.request("/api/templates", { method: "POST", headers: auth, body: JSON.stringify({ shopId: "shop1", intent: "greeting", lang: "en", text: "Hello from shop one!" }) });
    expect(created.status).toBe(201);
    const row = (await created.json()) as { id: string };
    const patched = await h.app.request(`/api/templates/${row.id}`, { method: "PATCH", headers: auth, body: JSON.stringify({ text: "Hello again {buyer_name}!", active: false }) });
    expect(await patched.json()).toMatchObject({ text: "Hello again {buyer_name}!", active: false, source: "custom" });
    const exported = (await (await h.app.request("/api/templates/export?shop=shop1", { headers: auth })).json()) as { templates: { shopId: string; intent: string; lang: string; variant: number; text: string; active: boolean }[] };
    expect(exported.templates).toHaveLength(1);
    expect((await h.app.request(`/api/templates/${row.id}`, { method: "DELETE", headers: auth })).status).toBe(204);
    expect((await h.app.request(`/api/templates/${row.id}`, { method: "DELETE", headers: auth })).status).toBe(404);
    const file = { templates: exported.templates.map(({ shopId, intent, lang, variant, text, active }) => ({ shopId, intent, lang, variant, text, active })) };
    const imported = await h.app.request("/api/templates/import", { method: "POST", headers: auth, body: JSON.stringify(file) });
    expect(await imported.json()).toEqual({ imported: 1 });
    const again = (await (await h.app.request("/api/templates?shop=shop1", { headers: auth })).json()) as { templates: { text: string }[] };
    expect(again.templates.map((t) => t.text)).toEqual(["Hello again {buyer_name}!"]);
  });

  it("POST /api/compliance/check answers {allowed, violations:[{rule, match, severity, message}]}", async () => {
    const res = await h.app.request("/api/compliance/check", { method: "POST", headers: auth, body: JSON.stringify({ text: "Harga paling murah, chat WA 081234567890", market: "ID", platform: "tiktok_shop" }) });
    const body = (await res.json()) as { allowed: boolean; violations: { rule: string; match: string; severity: string; message: string }[] };
    expect(body.allowed).toBe(false);
    expect(body.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(["absolute_claim", "messaging_app", "phone_number"]));
    expect(body.violations[0]).toEqual({ rule: expect.any(String), match: expect.any(String), severity: "block", message: expect.any(String) });
    const clean = await h.app.request("/api/compliance/check", { method: "POST", headers: auth, body: JSON.stringify({ text: "Terima kasih kak!", market: "ID", platform: "shopee" }) });
    expect(await clean.json()).toEqual({ allowed: true, violations: [] });
    expect((await h.app.request("/api/compliance/check", { method: "POST", headers: auth, body: JSON.stringify({ text: "x", platform: "ebay" }) })).status).toBe(400);
  });
});
