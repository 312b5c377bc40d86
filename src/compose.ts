import type { createLarkSurface } from "../adapters/chat/lark/index.ts";
import type { createLarkDigestSurface } from "../adapters/chat/lark/digest.ts";
import { createSlackDigestSurface } from "../adapters/chat/slack/digest.ts";
import { NO_CHARTS, type ChartRenderer } from "./digest/chart-spec.ts";
import { BoardChanges } from "../adapters/chat/board/changes.ts";
import { BOARD_WORKSPACE, createBoardSurface } from "../adapters/chat/board/index.ts";
import { createSlackSurface } from "../adapters/chat/slack/index.ts";
import { createTikTokShop } from "../adapters/shops/tiktok/index.ts";
import { createComplianceGuard } from "./compliance/check.ts";
import type { Deps } from "./deps.ts";
import { createFakeShop } from "./demo/fake-shop.ts";
import { createSimulator } from "./demo/simulator.ts";
import type { AppConfig } from "./config.ts";
import type { ChatSurface, DigestSurface, ReplyDrafter } from "./ports.ts";

export type DepsParts = Pick<Deps, "config" | "database" | "queue" | "classifier" | "log" | "now"> & {
  /** Injected by tests (msw intercepts the global fetch either way). */
  fetch?: typeof fetch;
  /**
   * The Lark surface factory, passed in by the Node entry only: it wraps @larksuiteoapi/node-sdk,
   * which needs Node globals (`__dirname`) that workerd does not provide.
   */
  createLarkSurface?: typeof createLarkSurface;
  /** The Lark digest poster, Node only for the same reason. */
  createLarkDigestSurface?: typeof createLarkDigestSurface;
  /** The digest chart renderer (Node: vega + resvg); absent, digests go out as text only. */
  charts?: ChartRenderer;
  /**
   * The LLM drafter, built by the Node entry around its OpenAI client (the Worker bundle leaves the
   * OpenAI SDK out, so Worker shops get their templates).
   */
  drafter?: ReplyDrafter;
};

/** The drafter when no LLM is available: nothing is ever drafted, every shop gets its template. */
const NO_DRAFTER: ReplyDrafter = {
  enabled: false,
  async draft() {
    return { ok: false, reason: "no LLM is configured", ms: 0 };
  },
};

/**
 * The runtime-agnostic half of the composition root, shared by the Node service and the Worker:
 * each entry opens its own database, job queue and classifier, and this builds the vendor
 * adapters (fetch and Web Crypto only) around them. Unconfigured integrations stay absent.
 */
export function composeDeps(parts: DepsParts): Deps {
  const { config, now } = parts;
  const surfaces = new Map<string, ChatSurface>();
  const digestSurfaces = new Map<string, DigestSurface>();
  for (const w of config.slack?.workspaces ?? []) {
    surfaces.set(w.id, createSlackSurface({ botToken: w.botToken, apiUrl: config.slack!.apiUrl, fetch: parts.fetch }));
    digestSurfaces.set(w.id, createSlackDigestSurface({ botToken: w.botToken, apiUrl: config.slack!.apiUrl, fetch: parts.fetch }));
  }
  if (config.lark && parts.createLarkSurface) {
    const { appId, appSecret, domain, workspace } = config.lark;
    surfaces.set(workspace.id, parts.createLarkSurface({ appId, appSecret, domain, fetch: parts.fetch, now }));
    if (parts.createLarkDigestSurface) digestSurfaces.set(workspace.id, parts.createLarkDigestSurface({ appId, appSecret, domain, fetch: parts.fetch }));
  } else if (config.lark) {
    parts.log.warn("lark.unavailable", { note: "Lark is configured but this runtime cannot run the Lark SDK (Node only)" });
  }
  const drafter = parts.drafter ?? NO_DRAFTER;
  const wantLlm = config.shops.filter((s) => s.replies?.draft === "llm").map((s) => s.name);
  if (wantLlm.length > 0 && !drafter.enabled) {
    parts.log.warn("llm_draft.unavailable", { shops: wantLlm, note: "replies.draft is llm but this runtime has no LLM drafter: templates are used" });
  }
  // The board is always a surface: every item is visible on it whether or not Slack is set up.
  const board = new BoardChanges();
  surfaces.set(BOARD_WORKSPACE, createBoardSurface(board));
  return {
    config,
    database: parts.database,
    db: parts.database.db,
    queue: parts.queue,
    shops: config.tiktok
      ? {
          tiktok_shop: createTikTokShop({
            appKey: config.tiktok.appKey,
            appSecret: config.tiktok.appSecret,
            baseUrl: config.tiktok.apiUrl,
            fetch: parts.fetch,
            now: () => now().getTime(),
          }),
        }
      : {},
    surfaces,
    digestSurfaces,
    charts: parts.charts ?? NO_CHARTS,
    board,
    ...(config.demo ? { demo: demoParts(config, now, parts.fetch) } : {}),
    classifier: parts.classifier,
    drafter,
    compliance: createComplianceGuard(config.compliance),
    log: parts.log,
    now,
  };
}

/** The demo's fake shop and buyers; the buyers post to this service's own webhook over loopback. */
function demoParts(config: AppConfig, now: () => Date, fetchImpl?: typeof fetch) {
  const shop = createFakeShop(config.demo!, now);
  return { shop, simulator: createSimulator({ baseUrl: `http://${config.host}:${config.port}`, shop, fetch: fetchImpl, now }) };
}
