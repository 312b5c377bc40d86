import { Hono } from "hono";
import { z } from "zod";
import { toCsv } from "../../src/analytics/csv.ts";
import { analyticsReport, AnalyticsQuerySchema } from "../../src/analytics/report.ts";
import type { Deps } from "../../src/deps.ts";
import { ValidationError } from "../../src/errors.ts";
import { requireAdmin } from "./require-admin.ts";

/**
 * GET /api/analytics: message counts for BI tools, as JSON or CSV, behind the admin API's auth
 * (the board login with the admin role, and the ADMIN_TOKEN bearer).
 */
export function analyticsApiRoutes(deps: Deps) {
  const app = new Hono();
  app.use("/analytics", requireAdmin(deps.config.adminToken));
  app.get("/analytics", async (c) => {
    const parsed = AnalyticsQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw new ValidationError(z.prettifyError(parsed.error));
    const report = await analyticsReport(deps.db, parsed.data);
    if (parsed.data.format === "json") return c.json(report);
    const csv = toCsv(
      ["key", "label", "messages", "high_risk", "negative", "auto_replied"],
      report.rows.map((r) => [r.key, r.label, r.messages, r.highRisk, r.negative, r.autoReplied]),
    );
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="analytics-${parsed.data.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`,
    });
  });
  return app;
}
