/**
 * Calendar days in a time zone, with Intl only (runs on Node and Workers). A "day" is the span
 * between two local midnights, so DST days are 23 or 25 hours long and still counted whole.
 */

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `tz` is an IANA zone this runtime knows (Intl throws RangeError otherwise). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function isDay(day: string): boolean {
  if (!DAY_RE.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** The wall clock at `at` in `tz`: its day (YYYY-MM-DD) and minutes since local midnight. */
export function localClock(at: Date, tz: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: `${get("year")}-${get("month")}-${get("day")}`, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

/** `day` shifted by `n` calendar days (pure date arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The zone's offset from UTC at instant `at`, in ms (positive east of Greenwich). */
function offsetMs(at: Date, tz: string): number {
  const p = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(at);
  const n = (type: string) => Number(p.find((x) => x.type === type)!.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of local midnight starting `day` in `tz`. */
export function startOfDay(day: string, tz: string): Date {
  const naive = new Date(`${day}T00:00:00Z`).getTime();
  // Two passes: the offset at the guess can differ from the offset at the answer across a DST change.
  let guess = naive - offsetMs(new Date(naive), tz);
  guess = naive - offsetMs(new Date(guess), tz);
  return new Date(guess);
}

/** [start, end) of the local day `day` in `tz`. */
export function dayRange(day: string, tz: string): { start: Date; end: Date } {
  return { start: startOfDay(day, tz), end: startOfDay(addDays(day, 1), tz) };
}
