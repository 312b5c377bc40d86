import { shopSla, type AppConfig, type ShopConfig, type SlaConfig } from "../config.ts";
import { addBusinessTime } from "../time/business-hours.ts";

/** One configured notice: a reminder in the card's thread or the escalation to managers. */
export type SlaPoint = { key: string; kind: "remind" | "escalate"; fraction: number };

/** The configured points, earliest first (`remind_50`, `remind_80`, `escalate_90`). */
export function slaPoints(sla: SlaConfig): SlaPoint[] {
  const points: SlaPoint[] = sla.remindAt.map((f) => ({ key: `remind_${Math.round(f * 100)}`, kind: "remind" as const, fraction: f }));
  if (sla.escalateAt !== null) points.push({ key: `escalate_${Math.round(sla.escalateAt * 100)}`, kind: "escalate", fraction: sla.escalateAt });
  return points.sort((a, b) => a.fraction - b.fraction);
}

export type SlaClock = { startedAt: Date; dueAt: Date; points: (SlaPoint & { at: Date })[] };

/**
 * An item's SLA clock: it starts when the buyer wrote and runs only within the shop's opening
 * hours; each point is that fraction of the window of open time. A message time in the future
 * (the platform's clock ahead of ours) or older than a whole window (a replay or backfill, which
 * would arrive already breached and fire every notice at once) starts the clock at receipt.
 */
export function slaClock(config: AppConfig, shop: ShopConfig, messageAt: Date, now: Date): SlaClock {
  const { windowMs, hours } = shopSla(config, shop);
  const age = now.getTime() - messageAt.getTime();
  const startedAt = age < 0 || age > windowMs ? now : messageAt;
  return {
    startedAt,
    dueAt: addBusinessTime(startedAt, windowMs, hours),
    points: slaPoints(config.sla).map((p) => ({ ...p, at: addBusinessTime(startedAt, windowMs * p.fraction, hours) })),
  };
}
