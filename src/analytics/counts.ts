import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { defaultTaxonomy } from "../../intents/taxonomy.ts";
import { selectRows } from "./rows.ts";

export const GROUP_BY = ["intent", "group", "lang", "shop", "risk", "hour"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The buyer messages a report covers: received in [from, to), optionally of some shops only. */
export type MessageScope = { from: Date; to: Date; shops?: string[] };

export type CountRow = {
  key: string;
  label: string;
  messages: number;
  /** Classified `high` or `critical`. */
  highRisk: number;
  negative: number;
  /** Answered by the shop's auto-reply policy. */
  autoReplied: number;
};

/**
 * The SQL half of every report: inbound buyer messages (each has exactly one triage item) with
 * their classification, filtered by receive time and shop. The intent is the item's current one,
 * so a human reclassification counts where staff put it, not where the model did.
 */
export function scopeFilter(scope: MessageScope): SQL {
  const shops = scope.shops?.length ? sql` and s.external_id in (${sql.join(scope.shops.map((s) => sql`${s}`), sql`, `)})` : sql``;
  return sql`m.direction = 'inbound' and m.sent_at >= ${scope.from.toISOString()}::timestamptz and m.sent_at < ${scope.to.toISOString()}::timestamptz${shops}`;
}

export const SCOPE_FROM = sql`messages m
  join triage_items ti on ti.message_id = m.id
  join shops s on s.id = m.shop_id
  left join classifications c on c.message_id = m.id`;

function keyOf(by: Exclude<GroupBy, "group">, tz: string): { key: SQL; label: SQL } {
  switch (by) {
    case "intent": {
      const k = sql`coalesce(ti.intent, c.intent, 'unclassified')`;
      return { key: k, label: k };
    }
    case "lang":
      return { key: sql`coalesce(c.lang, 'unknown')`, label: sql`coalesce(c.lang, 'unknown')` };
    case "risk":
      return { key: sql`coalesce(c.risk, 'unclassified')`, label: sql`coalesce(c.risk, 'unclassified')` };
    case "shop":
      return { key: sql`s.external_id`, label: sql`min(s.name)` };
    case "hour": {
      const k = sql`lpad(extract(hour from m.sent_at at time zone ${tz})::int::text, 2, '0')`;
      return { key: k, label: k };
    }
  }
}

/** Message counts grouped by one dimension, biggest first (hours in clock order). */
export async function countMessages(db: Executor, scope: MessageScope, by: GroupBy, tz = "UTC"): Promise<CountRow[]> {
  if (by === "group") return foldIntoGroups(await countMessages(db, scope, "intent", tz));
  const { key, label } = keyOf(by, tz);
  const rows = await selectRows<{ key: string; label: string; messages: number; high_risk: number; negative: number; auto_replied: number }>(
    db,
    sql`select ${key} as key, ${by === "shop" ? label : key} as label,
          count(*)::int as messages,
          (count(*) filter (where c.risk in ('high', 'critical')))::int as high_risk,
          (count(*) filter (where c.sentiment = 'negative'))::int as negative,
          (count(*) filter (where ti.state = 'auto_replied'))::int as auto_replied
        from ${SCOPE_FROM}
        where ${scopeFilter(scope)}
        group by 1${by === "shop" ? sql`` : sql`, 2`}
        order by ${by === "hour" ? sql`1 asc` : sql`3 desc, 1 asc`}`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    label: by === "intent" ? intentLabel(String(r.key)) : String(r.label),
    messages: Number(r.messages),
    highRisk: Number(r.high_risk),
    negative: Number(r.negative),
    autoReplied: Number(r.auto_replied),
  }));
}

/** Intent groups come from the taxonomy (the intent may have been reclassified into another group). */
function foldIntoGroups(byIntent: CountRow[]): CountRow[] {
  const groups = new Map<string, CountRow>();
  for (const r of byIntent) {
    const group = defaultTaxonomy.groupOf(r.key) ?? "unclassified";
    const g = groups.get(group) ?? { key: group, label: group === "unclassified" ? "Unclassified" : defaultTaxonomy.groupLabel(group, "en"), messages: 0, highRisk: 0, negative: 0, autoReplied: 0 };
    g.messages += r.messages;
    g.highRisk += r.highRisk;
    g.negative += r.negative;
    g.autoReplied += r.autoReplied;
    groups.set(group, g);
  }
  return [...groups.values()].sort((a, b) => b.messages - a.messages || a.key.localeCompare(b.key));
}

export function intentLabel(id: string): string {
  return defaultTaxonomy.get(id)?.en ?? id;
}
