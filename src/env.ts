import { z } from "zod";
import { ConfigError } from "./errors.ts";
import { isTimeZone } from "./digest/time.ts";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const urlSchema = z.string().trim().url("must be a URL (e.g. https://host/path)");

/** Every environment variable the service reads, validated once at start. */
export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    CONFIG_FILE: optionalString,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),

    SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional()),
    SLACK_TRIAGE_CHANNEL: optionalString,
    SLACK_ALERT_CHANNEL: optionalString,
    /** Comma-separated Slack user ids (U…) mentioned in alerts and SLA escalations. */
    SLACK_ALERT_MANAGERS: optionalString,
    SLACK_API_URL: urlSchema.default("https://slack.com/api"),

    TIKTOK_SHOP_APP_KEY: optionalString,
    TIKTOK_SHOP_APP_SECRET: optionalString,
    TIKTOK_SHOP_ACCESS_TOKEN: optionalString,
    TIKTOK_SHOP_CIPHER: optionalString,
    TIKTOK_SHOP_ID: optionalString,
    TIKTOK_SHOP_NAME: optionalString,
    TIKTOK_SHOP_API_URL: urlSchema.default("https://open-api.tiktokglobalshop.com"),

    LARK_APP_ID: optionalString,
    LARK_APP_SECRET: optionalString,
    /** `feishu` (open.feishu.cn), `lark` (open.larksuite.com) or a base URL (proxies, tests). */
    LARK_DOMAIN: z
      .string()
      .trim()
      .default("feishu")
      .pipe(z.union([z.enum(["feishu", "lark"]), z.string().url("must be feishu, lark or a URL")])),
    LARK_ENCRYPT_KEY: optionalString,
    LARK_VERIFICATION_TOKEN: optionalString,
    LARK_TRIAGE_CHAT: optionalString,
    LARK_ALERT_CHAT: optionalString,
    /** Comma-separated Lark open_ids (ou_…) mentioned in alerts and buzzed for critical ones. */
    LARK_ALERT_MANAGERS: optionalString,
    /** Comma-separated open_ids allowed to act on Lark cards; empty = everyone in the chat. */
    LARK_ALLOWED_USERS: optionalString,
    /** Receive events over the SDK's long connection (no public URL needed). */
    LARK_LONG_CONNECTION: optionalString.pipe(z.enum(["1", "true", "0", "false"]).optional()),

    /** Repeated high-risk messages of one conversation within this many minutes share one alert. */
    ALERT_GROUP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** The service's public base URL, for links to the board in alerts before a chat card exists. */
    PUBLIC_URL: urlSchema.optional(),
    /** SLA reminder points as fractions of the window ("0.5,0.8") and the escalation point ("0.9"). */
    SLA_REMIND_AT: optionalString,
    SLA_ESCALATE_AT: optionalString,

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: urlSchema.optional(),
    OPENAI_MODEL: z.string().default("gpt-4o-mini"),
    /** Most an LLM reply draft may take before the template is kept (ms); below the draft job's 60 s expiry. */
    OPENAI_DRAFT_TIMEOUT_MS: z.coerce.number().int().min(500).max(30_000).default(8_000),

    /** "1"/"true" stops every automatic reply at once, whatever the shops' policies say. */
    AUTO_REPLY_KILL_SWITCH: z
      .string()
      .trim()
      .optional()
      .transform((v) => v === "1" || v?.toLowerCase() === "true"),
    // The board's login: a bearer/login token for admins, and the key that signs session cookies
    // (derived from ADMIN_TOKEN when unset; random per process when neither is set).
    ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    SESSION_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    // Demo: "auto" runs the simulator and fake shop only when no shop platform is configured;
    // "on" (npm run demo) insists on it; "off" never runs it.
    DEMO: z.enum(["auto", "on", "off"]).default("auto"),
    DEMO_INTERVAL_MS: z.coerce.number().int().min(0).default(6_000),

    // Job lease and sweeper period (ms). Production keeps the defaults; tests shorten them to see
    // crash recovery (an in-flight send or card post taken over after the lease) within seconds.
    // The lease must stay above the longest a live call can take once it has left (10 s Slack,
    // 15 s TikTok timeouts); a card post renews its lease when it leaves the channel's pacing
    // queue, so waiting its turn does not count.
    JOBS_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
    JOBS_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),

    // Daily digest shortcut (docs/managers.md); CONFIG_FILE `digests` allows several.
    DIGEST_SLACK_CHANNEL: optionalString,
    DIGEST_LARK_CHAT: optionalString,
    DIGEST_TIME: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)").default("09:00"),
    DIGEST_TIMEZONE: z.string().trim().refine(isTimeZone, "must be an IANA time zone such as Asia/Shanghai").default("UTC"),
  });
export type Env = z.infer<typeof EnvSchema>;

/** Optional integrations are all-or-nothing: one variable of a group set requires the rest. */
const GROUPS: [string, string[]][] = [
  ["Slack", ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_TRIAGE_CHANNEL"]],
  ["TikTok Shop", ["TIKTOK_SHOP_APP_KEY", "TIKTOK_SHOP_APP_SECRET", "TIKTOK_SHOP_ACCESS_TOKEN"]],
  ["Lark", ["LARK_APP_ID", "LARK_APP_SECRET", "LARK_TRIAGE_CHAT"]],
];

function groupIssues(source: Record<string, string | undefined>): string[] {
  const set = (name: string) => (source[name] ?? "").trim() !== "";
  const issues: string[] = [];
  for (const [group, names] of GROUPS) {
    if (!names.some(set)) continue;
    for (const n of names) if (!set(n)) issues.push(`${n}: is required when ${group} is configured`);
  }
  if (set("SLACK_APP_TOKEN") && !set("SLACK_BOT_TOKEN")) issues.push("SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN (Socket Mode) is set");
  // Lark inbound over HTTP needs both secrets: the Encrypt Key for the signature and AES (the SDK
  // would accept anything without it), the Verification Token for `header.token` (MUST rule 6).
  const longConnection = ["1", "true"].includes((source.LARK_LONG_CONNECTION ?? "").trim());
  if (set("LARK_APP_ID") && !longConnection) {
    for (const n of ["LARK_ENCRYPT_KEY", "LARK_VERIFICATION_TOKEN"]) {
      if (!set(n)) issues.push(`${n}: is required for Lark events over HTTP (or set LARK_LONG_CONNECTION=1)`);
    }
  }
  if (set("SLACK_ALERT_MANAGERS") && !set("SLACK_ALERT_CHANNEL")) issues.push("SLACK_ALERT_CHANNEL: is required when SLACK_ALERT_MANAGERS is set (alerts go there)");
  if (set("LARK_ALERT_MANAGERS") && !set("LARK_ALERT_CHAT")) issues.push("LARK_ALERT_CHAT: is required when LARK_ALERT_MANAGERS is set (alerts go there)");
  return issues;
}

/** Parses the environment or throws one ConfigError naming every missing or invalid variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  const issues = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`)),
    ...groupIssues(source),
  ];
  if (issues.length === 0 && result.success) return result.data;
  throw new ConfigError(`Invalid configuration:\n${[...new Set(issues)].map((l) => `  - ${l}`).join("\n")}`);
}
