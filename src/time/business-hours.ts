import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

/** An IANA zone Intl knows; checked at start so a typo fails config validation, not a job. */
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone Intl knows (e.g. Asia/Jakarta)");

/** A shop's opening hours in its own time zone (used by auto-reply and by SLA clocks). */
export const BusinessHoursSchema = z
  .object({
    timeZone: timeZone.default("UTC"),
    /** ISO weekdays, 1 = Monday. */
    days: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
    open: hhmm.default("09:00"),
    close: hhmm.default("18:00"),
  })
  .refine((h) => h.open < h.close, { message: "open must be before close (overnight hours are not supported)", path: ["close"] });
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
// One formatter per zone: building one costs far more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at `at`: ISO weekday (1 = Monday) and minutes since local midnight. */
export function localClock(timeZone: string, at: Date): { day: number; minutes: number } {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })));
  const parts = f.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return { day: WEEKDAYS.indexOf(get("weekday")) + 1, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

const toMinutes = (hm: string) => {
  const [h, m] = hm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether `now` falls in the opening hours, in their time zone. */
export function withinHours(hours: Pick<BusinessHours, "timeZone" | "days" | "open" | "close">, now: Date): boolean {
  const { day, minutes } = localClock(hours.timeZone, now);
  return hours.days.includes(day) && minutes >= toMinutes(hours.open) && minutes < toMinutes(hours.close);
}

const MINUTE = 60_000;

/**
 * `start` plus `ms` of open time: the clock runs only inside the opening hours (no hours = always
 * open). It walks from boundary to boundary (open, close, midnight), reading the local wall clock
 * through Intl at each one, so daylight-saving changes are picked up at the next boundary (a
 * deadline that spans a DST switch inside opening hours may be off by the shift; none of the
 * markets we serve observe DST). Seconds are dropped at the first boundary.
 */
export function addBusinessTime(start: Date, ms: number, hours?: BusinessHours | null): Date {
  if (!hours || hours.days.length === 0) return new Date(start.getTime() + ms);
  const open = toMinutes(hours.open);
  const close = toMinutes(hours.close);
  let t = start.getTime();
  let left = ms;
  // A week of boundaries per open day at most; the bound only guards against a bad config.
  for (let step = 0; step < 10_000; step++) {
    const { day, minutes } = localClock(hours.timeZone, new Date(t));
    const openDay = hours.days.includes(day);
    if (openDay && minutes >= open && minutes < close) {
      const untilClose = (close - minutes) * MINUTE - (t % MINUTE);
      if (left <= untilClose) return new Date(t + left);
      left -= untilClose;
      t += untilClose;
    } else if (openDay && minutes < open) {
      t += (open - minutes) * MINUTE - (t % MINUTE);
    } else {
      t += (24 * 60 - minutes) * MINUTE - (t % MINUTE); // to local midnight
    }
  }
  return new Date(t + left);
}
