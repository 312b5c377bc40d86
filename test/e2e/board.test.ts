/**
 * The board end to end, as a person uses it: Debian's Chromium (driven by playwright-core) against
 * the real service on a loopback port, in demo mode, so buyer messages come in through the real
 * signed webhook path and replies go out through the real TikTok client to the fake shop the
 * service serves itself. Screenshots land in test-results/.
 */
import { mkdirSync } from "node:fs";
import { serve } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../handlers/http/auth/passwords.ts";
import { buildConfig } from "../../src/config.ts";
import { withDemo } from "../../src/demo/config.ts";
import { parseEnv } from "../../src/env.ts";
import { createLogger } from "../../src/logger.ts";
import { createService, type Service } from "../../src/service.ts";
import { eventually } from "../support/harness.ts";
import { freePort } from "../support/out-of-process.ts";

const SHOTS = "test-results";
mkdirSync(SHOTS, { recursive: true });
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

type Running = { service: Service; url: string; close(): Promise<void> };

async function start(env: Record<string, string>, file?: unknown, demo = false): Promise<Running> {
  const port = await freePort();
  let config = buildConfig(parseEnv({ DATA_DIR: "memory://", HOST: "127.0.0.1", PORT: String(port), ...env }), file);
  if (demo) config = withDemo(config, 0);
  config.jobs = { ...config.jobs, pollSeconds: 0.5 };
  const service = await createService({ config, log: createLogger("warn", () => {}) });
  const server = serve({ fetch: service.app.fetch, port, hostname: "127.0.0.1" });
  return {
    service,
    url: `http://127.0.0.1:${port}`,
    async close() {
      // Open live streams (SSE) would keep close() waiting forever.
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await service.stop();
    },
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => browser?.close());

describe("the board in demo mode", { timeout: 90_000 }, () => {
  let run: Running;
  beforeAll(async () => {
    run = await start({ DEMO: "on" }, undefined, true);
  }, 90_000);
  afterAll(async () => run?.close());

  const demo = () => run.service.deps.demo!;
  const repliesTo = (conversationId: string) => demo().shop.replies.filter((r) => r.conversationId === conversationId);
  async function openBoard(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${run.url}/`);
    await page.locator("#live", { hasText: "live" }).waitFor({ timeout: 10_000 });
    return page;
  }
  /** A buyer message through the real webhook path; resolves with the card once it is on `page`. */
  async function arrives(page: Page, text: string) {
    const sent = await demo().simulator.sendOne(text);
    expect(sent.status).toBe(200);
    const card = page.locator("article.card", { hasText: text });
    await card.waitFor({ timeout: 20_000 });
    return { card, ...sent };
  }

  it("a new message's card appears without a reload, and Approve sends the reply to the shop", async () => {
    const page = await openBoard();
    const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
    const { card, conversationId } = await arrives(page, "Is the sage dress still available in size L? I need it by Friday.");
    // Same document: the card came over the live stream, not a reload.
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
    await expect.poll(() => card.getAttribute("data-state"), { timeout: 15_000 }).toBe("carded");
    const suggested = (await card.locator(".draft").textContent())!.trim();
    expect(suggested.length).toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/board-card-arrived.png`, fullPage: true });

    await card.getByRole("button", { name: /Approve/ }).click();
    await eventually(() => repliesTo(conversationId).length === 1, 15_000, "reply at the fake shop");
    expect(repliesTo(conversationId)[0]!.text).toBe(suggested);
    await card.locator(".outcome.sent").waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/board-approved-sent.png`, fullPage: true });
    await page.context().close();
  });

  it("Edit sends the edited text, not the suggestion", async () => {
    const page = await openBoard();
    const { card, conversationId } = await arrives(page, "My parcel arrived but one item is missing from the box.");
    await expect.poll(() => card.getAttribute("data-state"), { timeout: 15_000 }).toBe("carded");
    await card.getByRole("button", { name: /Edit/ }).click();
    const box = card.getByRole("textbox", { name: "Reply to send" });
    // The editor is open once the server said yes (openEditor's checks) and focused the box.
    await expect.poll(() => box.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    await box.fill("So sorry! We are shipping the missing item today, tracking follows by chat.");
    await page.screenshot({ path: `${SHOTS}/board-inline-edit.png`, fullPage: true });
    await card.getByRole("button", { name: "Send edited reply" }).click();
    await eventually(() => repliesTo(conversationId).length === 1, 15_000, "edited reply at the fake shop");
    expect(repliesTo(conversationId)[0]!.text).toBe("So sorry! We are shipping the missing item today, tracking follows by chat.");
    await page.context().close();
  });

  it("two browsers approving the same card send one reply", async () => {
    const [a, b] = await Promise.all([openBoard(), openBoard()]);
    const text = "Do you ship to Penang? How many days does it take?";
    const sent = await demo().simulator.sendOne(text);
    const cards = [a, b].map((p) => p.locator("article.card", { hasText: text }));
    for (const card of cards) await expect.poll(() => card.getAttribute("data-state"), { timeout: 20_000 }).toBe("carded");
    // Both clicks at the same moment, before either page can hear of the other's (a click through
    // the locator would wait, and find the button gone once the live update arrives).
    const buttons = await Promise.all(cards.map((card) => card.locator('button[data-action="approve"]').elementHandle()));
    await Promise.all(buttons.map((btn) => btn!.evaluate((el: HTMLElement) => el.click())));
    await eventually(() => repliesTo(sent.conversationId).length >= 1, 15_000, "reply at the fake shop");
    await new Promise((r) => setTimeout(r, 2_000)); // a second send would have arrived by now
    expect(repliesTo(sent.conversationId)).toHaveLength(1);
    await expect.poll(async () => (await Promise.all(cards.map((c) => c.locator(".status").textContent()))).join(" | "), { timeout: 10_000 }).toMatch(/Done/);
    const statuses = await Promise.all(cards.map((c) => c.locator(".status").textContent()));
    await b.screenshot({ path: `${SHOTS}/board-two-browsers.png`, fullPage: true });
    expect(statuses.join(" | ")).toMatch(/already handled|handled this item just now|Already handled/i);
    await Promise.all([a.context().close(), b.context().close()]);
  });

  it("the conversation view shows the history, buyer message and reply", async () => {
    const page = await openBoard();
    const { card } = await arrives(page, "Can I change the delivery address? I typed the wrong postcode.");
    await expect.poll(() => card.getAttribute("data-state"), { timeout: 15_000 }).toBe("carded");
    await card.getByRole("button", { name: /Approve/ }).click();
    await card.locator(".outcome.sent").waitFor({ timeout: 15_000 });
    await card.getByRole("link", { name: "Conversation" }).click();
    const history = page.getByRole("list", { name: "Messages, oldest first" });
    await expect.poll(async () => history.locator("li").count()).toBeGreaterThanOrEqual(2);
    expect(await history.locator("li.msg.inbound").last().textContent()).toContain("wrong postcode");
    expect(await history.locator("li.msg.outbound").count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/board-conversation.png`, fullPage: true });
    await page.context().close();
  });
});

describe("the board outside demo mode", { timeout: 60_000 }, () => {
  const ADMIN_TOKEN = "e2e-admin-token-0123456789";
  let run: Running;
  beforeAll(async () => {
    const passwordHash = await hashPassword("agent-password", 1_000);
    run = await start(
      { TIKTOK_SHOP_APP_KEY: "k", TIKTOK_SHOP_APP_SECRET: "s", TIKTOK_SHOP_ACCESS_TOKEN: "t", TIKTOK_SHOP_API_URL: "http://127.0.0.1:9", ADMIN_TOKEN },
      { board: { users: [{ id: "mai", name: "Mai", role: "agent", passwordHash }] } },
    );
  }, 90_000);
  afterAll(async () => run?.close());

  it("refuses anonymous requests to the board and the API, even on 127.0.0.1", async () => {
    expect(run.service.deps.config.demo).toBeNull();
    for (const path of ["/api/board/items", "/api/board/events", "/api/templates"]) {
      expect((await fetch(`${run.url}${path}`)).status, path).toBe(401);
    }
    const page = await fetch(`${run.url}/`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login/);
    const post = await fetch(`${run.url}/api/board/items/itm_x/actions`, { method: "POST", body: '{"action":"approve"}' });
    expect(post.status).toBe(401);
    expect((await fetch(`${run.url}/api/board/items`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    expect((await fetch(`${run.url}/api/board/items`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
  });

  it("a configured user logs in with the form; a wrong password does not", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${run.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("User").fill("mai");
    await page.getByLabel(/Password/).fill("wrong");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("User").fill("mai");
    await page.getByLabel(/Password/).fill("agent-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Triage board" }).waitFor();
    expect(await page.locator(".who").textContent()).toContain("Mai (agent)");
    const cookie = (await page.context().cookies()).find((c) => c.name === "rt_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    // An agent is not an admin: the admin API stays closed to them.
    expect(await page.evaluate(async () => (await fetch("/api/templates")).status)).toBe(403);
    // A board POST without the CSRF token is refused even with the cookie.
    expect(await page.evaluate(async () => (await fetch("/api/board/items/itm_x/actions", { method: "POST", headers: { "content-type": "application/json" }, body: '{"action":"approve"}' })).status)).toBe(403);
    await page.screenshot({ path: `${SHOTS}/board-logged-in.png`, fullPage: true });
    await page.context().close();
  });
});
