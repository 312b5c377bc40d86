import type { Classifier } from "../intents/taxonomy.ts";
import type { JobQueue } from "../adapters/queue/pg-boss-queue.ts";
import type { Database, Db } from "../db/client.ts";
import type { ComplianceGuard } from "./compliance/check.ts";
import type { AppConfig } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { BoardChanges } from "../adapters/chat/board/changes.ts";
import type { FakeShop } from "./demo/fake-shop.ts";
import type { Simulator } from "./demo/simulator.ts";
import type { ChatSurface, DigestSurface, PlatformName, ReplyDrafter, ShopPlatform } from "./ports.ts";
import type { ChartRenderer } from "./digest/chart-spec.ts";

/**
 * Everything the pipeline needs, built once by the composition root (src/entry/*). Optional
 * integrations are absent from the maps rather than checked for with `if (env.X)` in the code.
 */
export type Deps = {
  config: AppConfig;
  database: Database;
  db: Db;
  queue: JobQueue;
  shops: Partial<Record<PlatformName, ShopPlatform>>;
  /** Chat surfaces by workspace id (Slack team config id). */
  surfaces: Map<string, ChatSurface>;
  /** Surfaces that post daily digests, by workspace id (Slack workspaces, "lark"). */
  digestSurfaces: Map<string, DigestSurface>;
  /** Renders the digest chart (Node: vega + resvg; Workers: none, the digest goes out as text). */
  charts: ChartRenderer;
  /** Wakes the board's open live streams when this instance changes a card. */
  board: BoardChanges;
  /** The demo's fake TikTok Shop (it records replies) and simulated buyers, only in demo mode. */
  demo?: { shop: FakeShop; simulator: Simulator };
  classifier: Classifier;
  /** Writes LLM reply drafts for shops that chose them; a no-op drafter when no LLM is configured. */
  drafter: ReplyDrafter;
  /** Checks every outgoing text (issue 4). */
  compliance: ComplianceGuard;
  log: Logger;
  now: () => Date;
};
