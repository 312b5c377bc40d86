-- One definition of "first response" (docs/managers.md, SLA): when the item's reply reached the
-- buyer, i.e. its sent outbound_replies row (one per item), and nothing else. This rewrites every
-- item to that: rows answered before 0005 get the time they lack, and rows where 0005's decide.ts
-- recorded a claim, escalation or dismissal as the first response lose it (set again only by a sent reply).
UPDATE "triage_items" AS ti
SET "first_response_at" = (
  SELECT r."sent_at" FROM "outbound_replies" AS r
  WHERE r."triage_item_id" = ti."id" AND r."status" = 'sent'
)
WHERE ti."first_response_at" IS DISTINCT FROM (
  SELECT r."sent_at" FROM "outbound_replies" AS r
  WHERE r."triage_item_id" = ti."id" AND r."status" = 'sent'
);
