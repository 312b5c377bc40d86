/**
 * Ports: the narrow interfaces the pipeline talks to. Adapters implement them; the composition
 * root (src/deps.ts) picks implementations once.
 */
import type { RiskFlag, RiskLevel, Sentiment } from "../intents/taxonomy.ts";
import type { Digest } from "./digest/compute.ts";

export type PlatformName = "tiktok_shop";
/** Chat surfaces; "board" is the built-in web board, always present. */
export type SurfaceName = "slack" | "lark" | "board";

// ───────────────────────────── shop platforms ─────────────────────────────

/** Credentials of one authorised shop on a platform (per shop, from config or the shops table). */
export type ShopAuth = {
  /** The platform's shop id (TikTok `shop_id`). */
  shopId: string;
  accessToken: string;
  /** TikTok `shop_cipher`, required by shop-scoped APIs. */
  cipher?: string;
};

/** A chat message as the platform reports it, normalised. `text` is null until fetched. */
export type ShopMessage = {
  id: string;
  conversationId: string;
  /** Platform message type (TEXT, IMAGE, PRODUCT_CARD, ...). */
  type: string;
  text: string | null;
  createdAt: Date;
  sender: { id: string; role: "BUYER" | "SHOP" | "SYSTEM" | "OTHER"; nickname?: string };
};

export type WebhookEvent =
  | {
      kind: "message";
      /** The platform's delivery id (TikTok `tts_notification_id`): the same on every retry. */
      eventId: string;
      shopId: string;
      message: ShopMessage;
    }
  | { kind: "ignored"; eventId: string | null; shopId: string | null; reason: string };

/** A buyer's order and its tracking, as the platform reports it, normalised (issue 4). */
export type OrderContext = {
  orderId: string;
  /** The platform's status code (TikTok: AWAITING_SHIPMENT, IN_TRANSIT, DELIVERED, ...). */
  status: string;
  products: string[];
  trackingNumber: string | null;
  carrier: string | null;
  /** Tracking events, newest first (ISO times: the context is stored as JSON). */
  events: { at: string; description: string }[];
  /** Latest promised delivery time (ISO), when the platform gives one. */
  eta: string | null;
};

export interface ShopPlatform {
  readonly platform: PlatformName;
  /** Checks the webhook signature on the exact bytes received. Never throws for a bad signature. */
  verifyWebhook(raw: Uint8Array, headers: Headers): Promise<boolean>;
  /** Parses a verified body. Throws ValidationError for anything malformed. */
  parseWebhook(raw: string): WebhookEvent;
  /** Recent messages of a conversation, newest first (signed API call). */
  listMessages(
    shop: ShopAuth,
    conversationId: string,
    opts?: { pageSize?: number },
  ): Promise<ShopMessage[]>;
  /** Sends a text reply into the conversation. Throws UpstreamError (retry flag set) on failure. */
  sendText(shop: ShopAuth, conversationId: string, text: string): Promise<{ messageId: string }>;
  /** Orders by id (signed order API); unknown ids are left out. */
  getOrders(shop: ShopAuth, orderIds: string[]): Promise<OrderContext[]>;
  /** The buyer's most recent orders, newest first (signed order search). */
  recentOrders(shop: ShopAuth, buyerUserId: string, opts?: { pageSize?: number }): Promise<OrderContext[]>;
  /** Tracking events of one order, newest first (signed fulfillment API). */
  getTracking(shop: ShopAuth, orderId: string): Promise<OrderContext["events"]>;
}

// ───────────────────────────── LLM reply drafts ─────────────────────────────

/** What an LLM draft is grounded in. Only `message` is buyer-written; it is data, never instructions. */
export type DraftRequest = {
  message: string;
  intent: string;
  /** The buyer's language (the reply's), e.g. "id". */
  lang: string;
  /** The language staff read; no translation is asked for when it equals `lang`. */
  staffLang: string;
  order: OrderContext | null;
  /** The shop's FAQ / policy text (CONFIG_FILE), or null. */
  faq: string | null;
  /** The filled template for this intent: the style and content anchor. */
  template: string | null;
  market: string | null;
  shopName: string;
};

export type DraftOutcome =
  | { ok: true; reply: string; translation: string | null; model: string; ms: number }
  | { ok: false; reason: string; ms: number };

/**
 * Writes a reply with an LLM. Never throws: a timeout, an HTTP error, a refusal or output that
 * fails the schema is `{ ok: false, reason }`, and the caller keeps the template.
 */
export interface ReplyDrafter {
  /** False for the no-op drafter (no LLM configured, or a runtime without one). */
  readonly enabled: boolean;
  draft(request: DraftRequest): Promise<DraftOutcome>;
}

// ───────────────────────────── chat surfaces ─────────────────────────────

export type ActionKind = "approve" | "edit" | "claim" | "reclassify" | "escalate" | "dismiss";

/** Who clicked: the surface's own user id (rendered as a mention by that surface). */
export type Actor = { surface: SurfaceName | "system"; id: string; name?: string };

export type TriageState =
  | "received"
  | "classified"
  | "carded"
  | "claimed"
  | "approved"
  | "sending"
  | "sent"
  | "auto_replied"
  | "dismissed"
  | "escalated"
  | "failed";

/**
 * The neutral card every surface renders (Slack Block Kit, Lark card 2.0, the local board).
 * Rendering is pure: the same model always gives the same card.
 */
export type CardModel = {
  itemId: string;
  shop: { name: string; platform: PlatformName };
  /** Buyer name already masked (never the raw nickname or id). */
  buyer: string;
  lang: string;
  /** The buyer's text, raw: each surface escapes it for its own format. */
  text: string;
  receivedAt: Date;
  intent: { id: string; zh: string; en: string; groupZh: string; groupEn: string };
  confidence: number;
  unsure: boolean;
  sentiment: Sentiment;
  risk: RiskLevel;
  riskFlags: RiskFlag[];
  evidence: string[];
  suggestion: {
    text: string;
    source: string;
    /** The reply in the staff language, for reading only (LLM drafts in another language). */
    translation?: { lang: string; text: string } | null;
  } | null;
  /**
   * The LLM draft: `pending` while it is written (the template is shown, Approve waits), or why
   * it was not used (`fallback`, the template stays). Absent for template-only shops.
   */
  llmDraft?: { status: "pending" } | { status: "fallback"; reason: string } | null;
  /** The buyer's order and tracking, for order-related intents (issue 4). */
  order?: OrderContext | null;
  /** Compliance findings on the suggested reply (warn) or why it may not be sent (block). */
  compliance?: { rule: string; severity: "block" | "warn"; message: string; match: string }[];
  /** Set when the item was answered automatically: the compact card shows it. */
  autoReplied?: { text: string; status: "pending" | "sending" | "sent" | "failed" } | null;
  state: TriageState;
  claimedBy: Actor | null;
  /** The latest decision, shown as "what happened and who did it". */
  outcome:
    | null
    | { kind: "approved" | "edited" | "claimed" | "escalated" | "dismissed" | "reclassified"; by: Actor; at: Date }
    | { kind: "sent"; by: Actor | null; at: Date; text: string }
    | { kind: "failed"; by: Actor | null; at: Date; reason: string };
  /** The SLA deadline while the item waits for staff (null once taken or settled). */
  slaDueAt?: Date | null;
  /** Buttons still live on the card; empty once the item is settled. */
  actions: ActionKind[];
  /** Intents offered by the Reclassify menu (id + label). */
  intentChoices: { id: string; label: string }[];
};

/** Where an alert or notice links to: the chat card once it is posted, the board before that. */
export type CardLink = { url: string; kind: "card" | "board" };

/**
 * A managers' alert about a high-risk conversation: one per group, re-rendered as messages join.
 * Like CardModel, text is raw and each surface escapes it; `managers` are that surface's user ids
 * (validated in config) and the only mentions an alert may carry.
 */
export type AlertModel = {
  alertId: string;
  /** The latest item of the group. */
  itemId: string;
  shop: CardModel["shop"];
  buyer: string;
  lang: string;
  /** The latest high-risk message, raw. */
  text: string;
  intent: CardModel["intent"];
  /** The highest risk in the group. */
  risk: RiskLevel;
  riskFlags: RiskFlag[];
  /** High-risk messages in the group, and the first and latest one's time. */
  count: number;
  firstAt: Date;
  lastAt: Date;
  slaDueAt: Date | null;
  managers: string[];
  link: CardLink | null;
};

/** An SLA notice: a reminder in the card's thread, or an escalation to managers in the alert channel. */
export type SlaNoticeModel = {
  itemId: string;
  kind: "remind" | "escalate";
  /** How much of the window has passed at this point (50, 80, 90). */
  percent: number;
  shop: CardModel["shop"];
  buyer: string;
  intent: CardModel["intent"];
  /** The buyer's message, raw (shown in escalations only; reminders sit under the card). */
  text: string;
  dueAt: Date;
  managers: string[];
  link: CardLink | null;
};

/** Where a notice goes: a reply in a card's thread, or a new message in a channel. */
export type NoticeTarget = { channel: string; thread?: CardRef };

export type PostOptions = {
  /**
   * Runs right before the post leaves (after any pacing wait): the caller renews its lease here,
   * and throws to abort when another worker has taken the post over meanwhile.
   */
  beforeSend?: () => Promise<void>;
};

/** Where a posted card lives, so it can be updated in place. */
export type CardRef = { channel: string; ts: string };

export interface ChatSurface {
  readonly surface: SurfaceName;
  /**
   * Posts a new card. `idempotencyKey` (the item id) is attached to the message so that a retry
   * after an unknown outcome can find an earlier post instead of posting twice.
   */
  postCard(channel: string, card: CardModel, idempotencyKey: string, opts?: PostOptions): Promise<CardRef>;
  /** Finds a card posted earlier with this key (after a crash between post and save), or null. */
  findPostedCard(channel: string, idempotencyKey: string, since: Date): Promise<CardRef | null>;
  /**
   * Re-renders a posted card in place. A surface that cannot edit the card any more (Lark: older
   * than 14 days) posts a fresh one instead and returns its ref, so the caller stores the new one.
   */
  updateCard(ref: CardRef, card: CardModel, meta?: { postedAt: Date }): Promise<CardRef | void>;
  /** Opens the Edit form prefilled with the draft (Slack: views.open with the trigger id). */
  openEditor(triggerId: string, card: CardModel, draft: string): Promise<void>;
  /** A message only `userId` sees (e.g. "claimed by someone else"). */
  notifyUser(channel: string, userId: string, text: string): Promise<void>;

  /** Posts a managers' alert; `idempotencyKey` (the alert id) works as for cards. */
  postAlert(channel: string, alert: AlertModel, idempotencyKey: string, opts?: PostOptions): Promise<CardRef>;
  findPostedAlert(channel: string, idempotencyKey: string, since: Date): Promise<CardRef | null>;
  /** Re-renders a posted alert in place (count, latest text, link). */
  updateAlert(ref: CardRef, alert: AlertModel): Promise<void>;
  /** A URL that opens a posted card (Slack permalink, Lark applink to its chat), or null. */
  cardLink(ref: CardRef): Promise<string | null>;
  /** Pushes a posted alert to the managers' phones (Lark urgent_app); a no-op where there is no such thing. */
  buzz(ref: CardRef, userIds: string[]): Promise<void>;
  /** Posts an SLA notice; `idempotencyKey` (item + point) works as for cards. */
  postNotice(target: NoticeTarget, notice: SlaNoticeModel, idempotencyKey: string): Promise<CardRef>;
  findPostedNotice(target: NoticeTarget, idempotencyKey: string, since: Date): Promise<CardRef | null>;
}

// ───────────────────────────── daily digests ─────────────────────────────

export type DigestPostOptions = {
  /** The digest_posts row id: Lark sends it as the message `uuid`, Slack as message metadata. */
  key: string;
  /** What an earlier attempt saved with `saveUploadRef` (its outcome unknown): look for that post first. */
  resume: string | null;
  /** When the first attempt began: earlier messages cannot be ours. */
  since: Date;
  /** Persists a reference before the step whose outcome could be lost (Slack: the file id). */
  saveUploadRef(ref: string): Promise<void>;
};

/** A chat surface that can post the daily digest (text and, when rendered, the chart image). */
export interface DigestSurface {
  readonly surface: "slack" | "lark";
  /** Posts the digest to `channel` and returns where it landed (message ts, message id or file id). */
  postDigest(channel: string, digest: Digest, chart: Uint8Array | null, opts: DigestPostOptions): Promise<{ ref: string }>;
}
