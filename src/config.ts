import { z } from "zod";
import type { Env } from "./env.ts";
import { ConfigError } from "./errors.ts";
import type { PlatformName, ShopAuth } from "./ports.ts";
import { ComplianceConfigSchema, type ComplianceConfig } from "./compliance/types.ts";
import { ShopRepliesSchema } from "./replies/shop-settings.ts";
import { DigestConfigSchema, digestConfigIssues, digestsFromEnv, type DigestConfig } from "./digest/config.ts";
import { BusinessHoursSchema, type BusinessHours } from "./time/business-hours.ts";

/** Ids we put into mentions: validated here, so a typo fails at start instead of pinging nobody. */
const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id (U…), not a name or e-mail");
const LarkOpenId = z.string().regex(/^ou_[A-Za-z0-9]{6,64}$/, "must be a Lark open_id (ou_…)");
const Fraction = z.number().gt(0, "must be above 0").lt(1, "must be below 1 (a fraction of the window)");

/** SLA clocks (docs/managers.md): a reply window per platform, and when to remind and escalate. */
const SlaSchema = z.object({
  /** Reply window in hours, per platform (TikTok Shop scores shops on 12 h). */
  windowHours: z.object({ tiktok_shop: z.number().positive().max(24 * 30).default(12) }).default({ tiktok_shop: 12 }),
  /** Reminder points in the card's thread, as fractions of the window. */
  remindAt: z.array(Fraction).max(5).default([0.5, 0.8]),
  /** The escalation to managers (alert channel, mentions); null = none. */
  escalateAt: Fraction.nullable().default(0.9),
});
/** A shop's own SLA window and opening hours (the clock stops outside them). */
const ShopSlaSchema = z.object({ windowHours: z.number().positive().max(24 * 30).optional(), businessHours: BusinessHoursSchema.optional() });

const SlackWorkspaceSchema = z.object({
  id: z.string().min(1),
  /** The Slack team id (T…), to tell workspaces apart on inbound clicks. */
  teamId: z.string().optional(),
  botToken: z.string().startsWith("xoxb-"),
  triageChannel: z.string().min(1),
  alertChannel: z.string().min(1).optional(),
  /** Slack user ids mentioned in this workspace's alerts and SLA escalations. */
  managers: z.array(SlackUserId).default([]),
  /** Slack user ids allowed to act on cards; empty = everyone who can see the channel. */
  allowedUsers: z.array(z.string()).default([]),
});
const ShopSchema = z.object({
  platform: z.literal("tiktok_shop"),
  /** The platform's shop id; "*" accepts any (single-shop setups configured by env). */
  shopId: z.string().min(1),
  name: z.string().min(1),
  accessToken: z.string().min(1),
  cipher: z.string().optional(),
  market: z.string().optional(),
  workspace: z.string().default("default"),
  /**
   * Every workspace this shop's cards go to: Slack workspace ids and/or "lark". Defaults to
   * `[workspace]`; a shop on Slack AND Lark gets one card in each, kept in step.
   */
  workspaces: z.array(z.string().min(1)).min(1).optional(),
  /** Overrides the workspace's triage channel for this shop (Slack). */
  triageChannel: z.string().optional(),
  /** Overrides LARK_TRIAGE_CHAT for this shop (a Lark chat_id, oc_…). */
  larkChat: z.string().optional(),
  /** Product link, coupon and auto-reply policy (issue 4). */
  replies: ShopRepliesSchema.optional(),
  /** SLA window and opening hours of this shop (default: the platform's window, always open). */
  sla: ShopSlaSchema.optional(),
});
/** A board login: the password is stored as a PBKDF2 hash (`npm run hash-password`). */
const BoardUserSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, "letters, digits and _.@- only"),
  name: z.string().min(1).optional(),
  role: z.enum(["agent", "manager", "admin"]),
  passwordHash: z.string().startsWith("pbkdf2-sha256$", "must be a hash from `npm run hash-password`"),
});
/** The optional CONFIG_FILE: several shops and Slack workspaces, and board users. */
export const ConfigFileSchema = z.object({
  slack: z.object({ workspaces: z.array(SlackWorkspaceSchema).default([]) }).default({ workspaces: [] }),
  shops: z.array(ShopSchema).default([]),
  /** Compliance rule overrides (issue 4): see docs/replies.md. */
  compliance: ComplianceConfigSchema.optional(),
  board: z.object({ users: z.array(BoardUserSchema).default([]) }).default({ users: [] }),
  /** Daily digests (issue 6): see docs/managers.md. */
  digests: z.array(DigestConfigSchema).default([]),
  /** High-risk alerts: grouping window and the Lark managers (Slack managers are per workspace). */
  alerts: z.object({ groupWindowMinutes: z.number().int().min(1).max(24 * 60).optional(), larkManagers: z.array(LarkOpenId).optional() }).default({}),
  sla: SlaSchema.optional(),
});

export type SlackWorkspace = z.infer<typeof SlackWorkspaceSchema>;
export type BoardUser = z.infer<typeof BoardUserSchema>;

/** The workspace id of the (single) Lark app, next to the Slack workspace ids. */
export const LARK_WORKSPACE_ID = "lark";

export type LarkConfig = {
  appId: string;
  appSecret: string;
  /** Open API base URL: https://open.feishu.cn, https://open.larksuite.com, or a custom one. */
  domain: string;
  encryptKey?: string;
  verificationToken?: string;
  longConnection: boolean;
  workspace: { id: typeof LARK_WORKSPACE_ID; triageChat: string; alertChat?: string; allowedUsers: string[]; managers: string[] };
};

export type SlaConfig = z.infer<typeof SlaSchema>;
export type { BusinessHours };

const LARK_DOMAINS = { feishu: "https://open.feishu.cn", lark: "https://open.larksuite.com" } as const;
export type ShopConfig = z.infer<typeof ShopSchema> & { platform: PlatformName };

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  slack: null | { signingSecret: string; appToken?: string; apiUrl: string; workspaces: SlackWorkspace[] };
  lark: LarkConfig | null;
  tiktok: null | { appKey: string; appSecret: string; apiUrl: string };
  shops: ShopConfig[];
  openai: null | { apiKey: string; baseUrl?: string; model: string; /** Bound on one LLM reply draft. */ draftTimeoutMs: number };
  compliance: Partial<ComplianceConfig>;
  /** Bearer token for /api/*; unset = every /api request is refused. */
  adminToken?: string;
  /** Global auto-reply kill switch (AUTO_REPLY_KILL_SWITCH). */
  autoReplyKilled: boolean;
  /** Who may open the board and the /api routes. */
  auth: { adminToken?: string; sessionSecret?: string; users: BoardUser[] };
  /** Daily digests to post (CONFIG_FILE `digests` plus the DIGEST_* shortcut). */
  digests: DigestConfig[];
  /** Set only by the Node entry's demo wiring (src/demo/config.ts); anonymous access needs it. */
  demo: null | DemoConfig;
  alerts: {
    /** Repeated high-risk messages of one conversation within this window update one alert. */
    groupWindowMs: number;
    /** Base URL of this service (PUBLIC_URL), for board links; without it alerts carry no link until the chat card exists. */
    publicUrl?: string;
  };
  sla: SlaConfig;
  jobs: {
    /** How long an in-flight send or card post is trusted before a retry may take it over. */
    leaseMs: number;
    pollSeconds: number;
    /** How often the sweeper looks for items stuck in a working state. */
    sweepMs: number;
  };
};

/** The simulated shop: keys generated at start, the fake TikTok API served by the service itself. */
export type DemoConfig = { appKey: string; appSecret: string; accessToken: string; cipher: string; shopId: string; intervalMs: number };

/** Builds the runtime config from the env and, when given, the parsed CONFIG_FILE content. */
export function buildConfig(env: Env, file?: unknown): AppConfig {
  const parsed = ConfigFileSchema.safeParse(file ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid CONFIG_FILE:\n${issues.join("\n")}`);
  }
  const extra = parsed.data;
  const workspaces = [...extra.slack.workspaces];
  if (env.SLACK_BOT_TOKEN && env.SLACK_TRIAGE_CHANNEL) {
    workspaces.unshift({
      id: "default",
      botToken: env.SLACK_BOT_TOKEN,
      triageChannel: env.SLACK_TRIAGE_CHANNEL,
      alertChannel: env.SLACK_ALERT_CHANNEL,
      managers: parseList("SLACK_ALERT_MANAGERS", env.SLACK_ALERT_MANAGERS, SlackUserId),
      allowedUsers: [],
    });
  }
  const lark: LarkConfig | null =
    env.LARK_APP_ID && env.LARK_APP_SECRET && env.LARK_TRIAGE_CHAT
      ? {
          appId: env.LARK_APP_ID,
          appSecret: env.LARK_APP_SECRET,
          domain: (env.LARK_DOMAIN in LARK_DOMAINS ? LARK_DOMAINS[env.LARK_DOMAIN as keyof typeof LARK_DOMAINS] : env.LARK_DOMAIN).replace(/\/+$/, ""),
          encryptKey: env.LARK_ENCRYPT_KEY,
          verificationToken: env.LARK_VERIFICATION_TOKEN,
          longConnection: env.LARK_LONG_CONNECTION === "1" || env.LARK_LONG_CONNECTION === "true",
          workspace: {
            id: LARK_WORKSPACE_ID,
            triageChat: env.LARK_TRIAGE_CHAT,
            alertChat: env.LARK_ALERT_CHAT,
            allowedUsers: (env.LARK_ALLOWED_USERS ?? "").split(",").map((u) => u.trim()).filter(Boolean),
            managers: extra.alerts.larkManagers ?? parseList("LARK_ALERT_MANAGERS", env.LARK_ALERT_MANAGERS, LarkOpenId),
          },
        }
      : null;
  const shops: ShopConfig[] = [...extra.shops];
  if (env.TIKTOK_SHOP_ACCESS_TOKEN) {
    shops.unshift({
      platform: "tiktok_shop",
      shopId: env.TIKTOK_SHOP_ID ?? "*",
      name: env.TIKTOK_SHOP_NAME ?? "TikTok Shop",
      accessToken: env.TIKTOK_SHOP_ACCESS_TOKEN,
      cipher: env.TIKTOK_SHOP_CIPHER,
      workspace: "default",
      // The env-configured shop goes to every env-configured surface (Slack, Lark or both).
      ...(lark ? { workspaces: [...(env.SLACK_BOT_TOKEN ? ["default"] : []), LARK_WORKSPACE_ID] } : {}),
    });
  }
  if (workspaces.length > 0 && !env.SLACK_SIGNING_SECRET) {
    throw new ConfigError("Invalid configuration:\n  - SLACK_SIGNING_SECRET: is required when Slack is configured");
  }
  if (lark && workspaces.some((w) => w.id === LARK_WORKSPACE_ID)) {
    throw new ConfigError(`Invalid CONFIG_FILE:\n  - slack.workspaces: the id "${LARK_WORKSPACE_ID}" is reserved for Lark`);
  }
  for (const shop of shops) {
    // A file reference left in the config means nothing read it: Workers have no files.
    if (shop.replies?.faqFile) {
      throw new ConfigError(`Invalid CONFIG_FILE:\n  - shops: ${shop.name}: replies.faqFile can only be read by the Node entry; put the text in replies.faq`);
    }
    if (shop.replies?.draft === "llm" && !env.OPENAI_API_KEY) {
      throw new ConfigError(`Invalid configuration:\n  - shops: ${shop.name} asks for replies.draft "llm", which needs OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL for other endpoints)`);
    }
  }
  const known = [...workspaces.map((w) => w.id), ...(lark ? [LARK_WORKSPACE_ID] : [])];
  for (const shop of shops) {
    const unknown = shopWorkspaces(shop).find((id) => !known.includes(id));
    if (known.length > 0 && unknown !== undefined) {
      throw new ConfigError(`Invalid CONFIG_FILE:\n  - shops: ${shop.name} names unknown workspace "${unknown}"`);
    }
  }
  const digests = [...digestsFromEnv(env), ...extra.digests];
  const digestIssues = digestConfigIssues(digests, known);
  if (digestIssues.length > 0) throw new ConfigError(`Invalid configuration:\n${digestIssues.map((i) => `  - ${i}`).join("\n")}`);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    slack:
      workspaces.length > 0 && env.SLACK_SIGNING_SECRET
        ? { signingSecret: env.SLACK_SIGNING_SECRET, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL, workspaces }
        : null,
    lark,
    tiktok:
      env.TIKTOK_SHOP_APP_KEY && env.TIKTOK_SHOP_APP_SECRET
        ? { appKey: env.TIKTOK_SHOP_APP_KEY, appSecret: env.TIKTOK_SHOP_APP_SECRET, apiUrl: env.TIKTOK_SHOP_API_URL }
        : null,
    shops,
    openai: env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL, draftTimeoutMs: env.OPENAI_DRAFT_TIMEOUT_MS } : null,
    compliance: extra.compliance ?? {},
    adminToken: env.ADMIN_TOKEN,
    autoReplyKilled: env.AUTO_REPLY_KILL_SWITCH,
    auth: { adminToken: env.ADMIN_TOKEN, sessionSecret: env.SESSION_SECRET, users: extra.board.users },
    digests,
    demo: null,
    alerts: { groupWindowMs: (extra.alerts.groupWindowMinutes ?? env.ALERT_GROUP_WINDOW_MINUTES) * 60_000, publicUrl: env.PUBLIC_URL?.replace(/\/+$/, "") },
    sla: extra.sla ?? slaFromEnv(env),
    jobs: { leaseMs: env.JOBS_LEASE_MS, pollSeconds: 0.5, sweepMs: env.JOBS_SWEEP_MS },
  };
}

/** A comma-separated env list, each entry validated; one ConfigError naming the variable and the bad entry. */
function parseList(name: string, raw: string | undefined, item: z.ZodType<string>): string[] {
  const values = (raw ?? "").split(",").map((v) => v.trim()).filter(Boolean);
  const bad = values.map((v) => ({ v, r: item.safeParse(v) })).filter((x) => !x.r.success);
  if (bad.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${bad.map((b) => `  - ${name}: "${b.v}" ${b.r.error!.issues[0]!.message}`).join("\n")}`);
  }
  return values;
}

/** SLA points from SLA_REMIND_AT / SLA_ESCALATE_AT (CONFIG_FILE `sla` wins when present). */
function slaFromEnv(env: Env): SlaConfig {
  const numbers = (raw: string) => raw.split(",").map((v) => v.trim()).filter(Boolean).map(Number);
  const parsed = SlaSchema.safeParse({
    ...(env.SLA_REMIND_AT ? { remindAt: numbers(env.SLA_REMIND_AT) } : {}),
    ...(env.SLA_ESCALATE_AT ? { escalateAt: env.SLA_ESCALATE_AT === "none" ? null : Number(env.SLA_ESCALATE_AT) } : {}),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path[0] === "remindAt" ? "SLA_REMIND_AT" : "SLA_ESCALATE_AT"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${issues.join("\n")}`);
  }
  return parsed.data;
}

/** A shop's SLA window in ms and its opening hours (null: the clock always runs). */
export function shopSla(config: AppConfig, shop: ShopConfig): { windowMs: number; hours: BusinessHours | null } {
  const hours = shop.sla?.windowHours ?? config.sla.windowHours[shop.platform];
  return { windowMs: hours * 3600_000, hours: shop.sla?.businessHours ?? null };
}

/** The configured shop for a platform shop id (a "*" entry matches any), or undefined. */
export function findShop(config: AppConfig, platform: PlatformName, shopId: string): ShopConfig | undefined {
  return (
    config.shops.find((s) => s.platform === platform && s.shopId === shopId) ??
    config.shops.find((s) => s.platform === platform && s.shopId === "*")
  );
}

/** The workspaces (Slack ids and/or "lark") a shop's cards go to. */
export function shopWorkspaces(shop: ShopConfig): string[] {
  return shop.workspaces ?? [shop.workspace];
}

export function shopAuth(shop: ShopConfig, shopId: string): ShopAuth {
  return { shopId, accessToken: shop.accessToken, cipher: shop.cipher };
}
