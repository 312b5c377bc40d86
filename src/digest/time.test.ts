import { describe, expect, it } from "vitest";
import { toCsv } from "../analytics/csv.ts";
import { dayRange, isDay, localClock } from "./time.ts";

describe("local days", () => {
  it("spans local midnight to midnight, 23 and 25 hours across DST changes", () => {
    expect(dayRange("2026-01-01", "Asia/Shanghai")).toEqual({ start: new Date("2025-12-31T16:00:00Z"), end: new Date("2026-01-01T16:00:00Z") });
    const spring = dayRange("2026-03-08", "America/New_York");
    expect(spring.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect((spring.end.getTime() - spring.start.getTime()) / 3600_000).toBe(23);
    const autumn = dayRange("2026-10-25", "Europe/Berlin");
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3600_000).toBe(25);
  });

  it("reads the wall clock in a zone, and refuses impossible days", () => {
    expect(localClock(new Date("2026-01-01T16:30:00Z"), "Asia/Shanghai")).toEqual({ day: "2026-01-02", minutes: 30 });
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2028-02-29")).toBe(true);
  });
});

describe("CSV", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["=SUM(A1)", 3], ["line\nbreak", -1]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),3\r\n"line\nbreak",-1\r\n');
  });
});
