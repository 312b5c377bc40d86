/**
 * GET /api/analytics on the seeded day (test/support/seed-day.ts), on PGlite and Postgres:
 * totals equal the stored messages, CSV is RFC 4180, bad queries get a clear 400, and the route
 * sits behind the admin API's auth.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import { startHarness, startVendorMocks, type Harness } from "../support/harness.ts";
import { SEED_DAY, SEED_FROM, SEED_TO, SEED_TZ, SHOP_A, SHOP_B, seedDay } from "../support/seed-day.ts";

const vendors = startVendorMocks();
afterAll(() => vendors.close());

const ADMIN_TOKEN = "analytics-admin-token-0123456789";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe.each(BACKENDS)("analytics API on %s", (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, { ADMIN_TOKEN });
    await seedDay(h.deps.db);
  }, 60_000);
  afterAll(async () => h?.stop());

  const get = (query: string, headers: Record<string, string> = auth) => h.app.request(`/api/analytics?${query}`, { headers });
  const stored = async (from: string, to: string) => {
    const r: unknown = await h.deps.db.execute(
      sql`select count(*)::int as n from messages where direction = 'inbound' and sent_at >= ${from}::timestamptz and sent_at < ${to}::timestamptz`,
    );
    return Number(((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows)[0] as { n: number }).n);
  };

  it("totals match the stored messages for every grouping", async () => {
    const expected = await stored(SEED_FROM, SEED_TO);
    expect(expected).toBe(9);
    for (const groupBy of ["intent", "group", "lang", "shop", "risk", "hour"]) {
      const res = await get(`from=${SEED_DAY}&to=${SEED_DAY}&tz=${SEED_TZ}&groupBy=${groupBy}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: { messages: number }; rows: { messages: number }[]; from: string; to: string };
      expect(body.from).toBe(SEED_FROM);
      expect(body.to).toBe(SEED_TO);
      expect(body.total.messages).toBe(expected);
      expect(body.rows.reduce((n, r) => n + r.messages, 0)).toBe(expected);
    }
  });

  it("groups as asked: hours in the requested zone, shops with their names, risk levels", async () => {
    const hours = (await (await get(`from=${SEED_DAY}&to=${SEED_DAY}&tz=${SEED_TZ}&groupBy=hour`)).json()) as { rows: { key: string; messages: number }[] };
    expect(hours.rows.map((r) => [r.key, r.messages])).toEqual([["00", 1], ["08", 1], ["09", 1], ["10", 1], ["12", 1], ["15", 1], ["20", 1], ["23", 2]]);
    const shops = (await (await get(`from=${SEED_DAY}&to=${SEED_DAY}&tz=${SEED_TZ}&groupBy=shop`)).json()) as { rows: { key: string; label: string; messages: number }[] };
    expect(shops.rows).toEqual([
      expect.objectContaining({ key: SHOP_A.externalId, label: SHOP_A.name, messages: 6 }),
      expect.objectContaining({ key: SHOP_B.externalId, label: SHOP_B.name, messages: 3 }),
    ]);
    const risk = (await (await get(`from=${SEED_DAY}&to=${SEED_DAY}&tz=${SEED_TZ}&groupBy=risk&shop=${SHOP_A.externalId}`)).json()) as { total: { messages: number; highRisk: number } };
    expect(risk.total).toMatchObject({ messages: 6, highRisk: 2 });
    // A timestamp range (to exclusive) over two days in UTC.
    const wide = (await (await get(`from=2026-03-09T00:00:00Z&to=2026-03-11T00:00:00Z&groupBy=lang`)).json()) as { total: { messages: number } };
    expect(wide.total.messages).toBe(await stored("2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z"));
  });

  it("answers CSV with proper quoting, CRLF rows and a CSV content type", async () => {
    const res = await get(`from=${SEED_DAY}&to=${SEED_DAY}&tz=${SEED_TZ}&groupBy=shop&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="analytics-shop-/);
    const text = await res.text();
    expect(text).toBe(
      "key,label,messages,high_risk,negative,auto_replied\r\n" +
        `${SHOP_A.externalId},"Glow, ""ID""",6,2,2,0\r\n` +
        `${SHOP_B.externalId},Home SG,3,0,1,1\r\n`,
    );
  });

  it("refuses bad queries with a 400 that names the field", async () => {
    const cases: [string, RegExp][] = [
      [`from=${SEED_DAY}&to=${SEED_DAY}&groupBy=colour`, /groupBy/],
      [`from=yesterday&to=${SEED_DAY}`, /from/],
      [`from=${SEED_DAY}&to=2026-03-01`, /to: must be after from/],
      [`from=${SEED_DAY}&to=${SEED_DAY}&tz=Mars/Olympus`, /tz/],
      [`from=${SEED_DAY}&to=${SEED_DAY}&format=xml`, /format/],
      [`from=2020-01-01&to=${SEED_DAY}`, /longer than 366 days/],
      [`to=${SEED_DAY}`, /from/],
      [`from=2026-03-10T08:00:00&to=${SEED_DAY}`, /zone/],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.message, query).toMatch(message);
    }
  });

  it("is behind the admin API's auth", async () => {
    expect((await get(`from=${SEED_DAY}&to=${SEED_DAY}`, {})).status).toBe(401);
    expect((await get(`from=${SEED_DAY}&to=${SEED_DAY}`, { authorization: "Bearer wrong-token-wrong-token" })).status).toBe(401);
  });
});
