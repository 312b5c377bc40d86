import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { DEFAULT_INTENTS } from "../../intents/taxonomy.ts";
import { countMessages, intentLabel, SCOPE_FROM, scopeFilter, type CountRow, type MessageScope } from "../analytics/counts.ts";
import { selectRows } from "../analytics/rows.ts";
import type { TriageState } from "../ports.ts";
import type { DigestConfig } from "./config.ts";
import { slaFigures, type SlaFigures } from "./sla-figures.ts";
import { addDays, dayRange } from "./time.ts";

const TOP_INTENTS = 5;
const TOP_COMPLAINTS = 5;
const HIGH_RISK_LISTED = 10;
/** Complaints: negative buyers, and every after-sales question (returns, damage, wrong items…). */
const COMPLAINT_INTENTS = [...Object.entries(DEFAULT_INTENTS).filter(([, d]) => d.group === "aftersales").map(([id]) => id), "complaint"];

/** A count with the same count on the previous day and on the same weekday a week earlier. */
export type Trend = { key: string; label: string; count: number; prevDay: number; prevWeek: number };
export type Share = { key: string; label: string; count: number };
export type HighRiskItem = { itemId: string; shop: string; intent: string; risk: string; flags: string[]; state: TriageState; receivedAt: Date; claimedBy: string | null };

/** The neutral digest every surface renders (Slack blocks, Lark card, plain text for --dry-run). */
export type Digest = {
  digestId: string;
  day: string;
  timeZone: string;
  shops: string[] | null;
  generatedAt: Date;
  total: { count: number; prevDay: number; prevWeek: number };
  groups: Trend[];
  topIntents: Trend[];
  langs: Share[];
  shopCounts: Share[];
  highRisk: { total: number; items: HighRiskItem[] };
  sla: SlaFigures;
  automation: { classified: number; autoReplied: number; approved: number; edited: number; editedRate: number | null; reclassified: number; reclassifiedRate: number | null };
  complaints: { total: number; products: Share[]; phrases: Share[] };
};

/** Computes the digest of local day `day` for one configured digest. Read-only. */
export async function computeDigest(db: Executor, digest: DigestConfig, day: string, now: Date): Promise<Digest> {
  const scopeOf = (d: string): MessageScope => ({ ...rangeOf(d, digest.timeZone), shops: digest.shops });
  const scope = scopeOf(day);
  const [intents, prevDay, prevWeek, langs, shops] = await Promise.all([
    countMessages(db, scope, "intent", digest.timeZone),
    countMessages(db, scopeOf(addDays(day, -1)), "intent", digest.timeZone),
    countMessages(db, scopeOf(addDays(day, -7)), "intent", digest.timeZone),
    countMessages(db, scope, "lang", digest.timeZone),
    countMessages(db, scope, "shop", digest.timeZone),
  ]);
  const [groups, groupsPrevDay, groupsPrevWeek] = await Promise.all([
    countMessages(db, scope, "group", digest.timeZone),
    countMessages(db, scopeOf(addDays(day, -1)), "group", digest.timeZone),
    countMessages(db, scopeOf(addDays(day, -7)), "group", digest.timeZone),
  ]);
  const sum = (rows: CountRow[]) => rows.reduce((n, r) => n + r.messages, 0);
  return {
    digestId: digest.id,
    day,
    timeZone: digest.timeZone,
    shops: digest.shops ?? null,
    generatedAt: now,
    total: { count: sum(intents), prevDay: sum(prevDay), prevWeek: sum(prevWeek) },
    groups: trends(groups, groupsPrevDay, groupsPrevWeek),
    topIntents: trends(intents, prevDay, prevWeek).slice(0, TOP_INTENTS),
    langs: langs.map(share),
    shopCounts: shops.map(share),
    highRisk: await highRiskItems(db, scope),
    sla: await slaFigures(db, scope, { asOf: now, slaHours: digest.slaHours }),
    automation: await automation(db, scope),
    complaints: await complaints(db, scope),
  };
}

export function rangeOf(day: string, tz: string): { from: Date; to: Date } {
  const { start, end } = dayRange(day, tz);
  return { from: start, to: end };
}

const share = (r: CountRow): Share => ({ key: r.key, label: r.label, count: r.messages });

function trends(today: CountRow[], prevDay: CountRow[], prevWeek: CountRow[]): Trend[] {
  const count = (rows: CountRow[], key: string) => rows.find((r) => r.key === key)?.messages ?? 0;
  return today.map((r) => ({ key: r.key, label: r.label, count: r.messages, prevDay: count(prevDay, r.key), prevWeek: count(prevWeek, r.key) }));
}

async function highRiskItems(db: Executor, scope: MessageScope): Promise<Digest["highRisk"]> {
  const rows = await selectRows<{ id: string; shop: string; intent: string; risk: string; flags: string[] | string; state: TriageState; received_at: Date | string; claimed_by: { id: string; name?: string } | string | null; total: number }>(
    db,
    sql`select ti.id, s.name as shop, coalesce(ti.intent, c.intent) as intent, c.risk, c.risk_flags as flags, ti.state,
          m.sent_at as received_at, ti.claimed_by, count(*) over ()::int as total
        from ${SCOPE_FROM}
        where ${scopeFilter(scope)} and c.risk in ('high', 'critical')
        order by (c.risk = 'critical') desc, m.sent_at asc
        limit ${HIGH_RISK_LISTED}`,
  );
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map((r) => {
      const claimed = r.claimed_by === null ? null : json<{ id: string; name?: string }>(r.claimed_by);
      return {
        itemId: r.id,
        shop: r.shop,
        intent: intentLabel(r.intent),
        risk: r.risk,
        flags: json<string[]>(r.flags),
        state: r.state,
        receivedAt: new Date(r.received_at),
        claimedBy: claimed ? (claimed.name ?? claimed.id) : null,
      };
    }),
  };
}

async function automation(db: Executor, scope: MessageScope): Promise<Digest["automation"]> {
  const [r] = await selectRows<Record<string, number>>(
    db,
    sql`select
          (count(distinct ti.id) filter (where c.id is not null))::int as classified,
          (count(distinct ti.id) filter (where ti.state = 'auto_replied'))::int as auto_replied,
          (count(d.id) filter (where d.action = 'approve'))::int as approved,
          (count(d.id) filter (where d.action = 'edit'))::int as edited,
          (count(distinct ti.id) filter (where d.action = 'reclassify'))::int as reclassified
        from ${SCOPE_FROM}
        left join decisions d on d.triage_item_id = ti.id
        where ${scopeFilter(scope)}`,
  );
  const n = (k: string) => Number(r?.[k] ?? 0);
  const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return {
    classified: n("classified"),
    autoReplied: n("auto_replied"),
    approved: n("approved"),
    edited: n("edited"),
    // Of the replies staff sent, how many they rewrote first: the suggestion's miss rate.
    editedRate: rate(n("edited"), n("approved") + n("edited")),
    reclassified: n("reclassified"),
    // Items whose intent staff corrected: a floor on the classifier's error rate.
    reclassifiedRate: rate(n("reclassified"), n("classified")),
  };
}

async function complaints(db: Executor, scope: MessageScope): Promise<Digest["complaints"]> {
  const isComplaint = sql`(c.sentiment = 'negative' or coalesce(ti.intent, c.intent) in (${sql.join(COMPLAINT_INTENTS.map((i) => sql`${i}`), sql`, `)}))`;
  const [total] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from ${SCOPE_FROM} where ${scopeFilter(scope)} and ${isComplaint}`);
  const products = await selectRows<{ label: string; n: number }>(
    db,
    sql`select p.product as label, count(distinct ti.id)::int as n
        from ${SCOPE_FROM}
        cross join lateral jsonb_array_elements_text(coalesce(ti.order_context -> 'products', '[]'::jsonb)) as p(product)
        where ${scopeFilter(scope)} and ${isComplaint}
        group by 1 order by 2 desc, 1 asc limit ${TOP_COMPLAINTS}`,
  );
  // The classifier's evidence (the words that decided the intent) stands in for products when
  // no order was looked up; context notes and lexicon matches are not buyer words.
  const phrases = await selectRows<{ label: string; n: number }>(
    db,
    sql`select e.phrase as label, count(distinct ti.id)::int as n
        from ${SCOPE_FROM}
        cross join lateral jsonb_array_elements_text(coalesce(c.evidence, '[]'::jsonb)) as e(phrase)
        where ${scopeFilter(scope)} and ${isComplaint} and e.phrase not like 'context:%' and e.phrase not like 'lexicon:%'
        group by 1 order by 2 desc, 1 asc limit ${TOP_COMPLAINTS}`,
  );
  const toShare = (r: { label: string; n: number }): Share => ({ key: r.label, label: r.label, count: Number(r.n) });
  return { total: Number(total?.n ?? 0), products: products.map(toShare), phrases: phrases.map(toShare) };
}
