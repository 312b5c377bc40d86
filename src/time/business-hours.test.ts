import { describe, expect, it } from "vitest";
import { addBusinessTime, BusinessHoursSchema, withinHours } from "./business-hours.ts";

const HOUR = 3600_000;
// Jakarta is UTC+7 all year (no DST): 09:00–18:00 local is 02:00–11:00 UTC.
const jakarta = BusinessHoursSchema.parse({ timeZone: "Asia/Jakarta", days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" });

describe("addBusinessTime", () => {
  it("without opening hours, simply adds", () => {
    expect(addBusinessTime(new Date("2026-11-20T10:00:00Z"), 12 * HOUR, null).toISOString()).toBe("2026-11-20T22:00:00.000Z");
  });

  it("counts only open time, in the shop's zone", () => {
    // Mon 2026-11-16 10:00 local (03:00Z) + 12 h of open time: 8 h on Monday, 4 h on Tuesday → Tue 13:00 local.
    expect(addBusinessTime(new Date("2026-11-16T03:00:00Z"), 12 * HOUR, jakarta).toISOString()).toBe("2026-11-17T06:00:00.000Z");
  });

  it("a message that arrives after hours starts counting at the next opening, skipping the weekend", () => {
    // Fri 2026-11-20 20:30 local (13:30Z) + 6 h → Mon 09:00 + 6 h = Mon 15:00 local (08:00Z).
    expect(addBusinessTime(new Date("2026-11-20T13:30:00Z"), 6 * HOUR, jakarta).toISOString()).toBe("2026-11-23T08:00:00.000Z");
    // Sat morning, before opening on a closed day: the same.
    expect(addBusinessTime(new Date("2026-11-21T01:00:00Z"), 6 * HOUR, jakarta).toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });

  it("keeps minutes and seconds inside the open window", () => {
    // Mon 17:59:30 local + 60 s → 30 s left Monday, 30 s after Tuesday's opening.
    expect(addBusinessTime(new Date("2026-11-16T10:59:30Z"), 60_000, jakarta).toISOString()).toBe("2026-11-17T02:00:30.000Z");
  });

  it("agrees with withinHours at both ends of the day", () => {
    expect(withinHours(jakarta, new Date("2026-11-16T02:00:00Z"))).toBe(true);
    expect(withinHours(jakarta, new Date("2026-11-16T11:00:00Z"))).toBe(false);
    expect(withinHours(jakarta, new Date("2026-11-21T03:00:00Z"))).toBe(false); // Saturday
  });

  it("refuses an unknown zone and overnight hours at config time", () => {
    expect(BusinessHoursSchema.safeParse({ timeZone: "Asia/Atlantis" }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ open: "22:00", close: "06:00" }).success).toBe(false);
  });
});
