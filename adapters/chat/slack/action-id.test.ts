import { describe, expect, it } from "vitest";
import { ACTION_KINDS, decodeAction, encodeAction } from "./action-id.ts";

describe("action-id codec", () => {
  it.each(ACTION_KINDS)("round-trips %s", (kind) => {
    const id = encodeAction(kind, "itm_0lq3x9k2aabcdefghij");
    expect(id).toBe(`triage:${kind}:itm_0lq3x9k2aabcdefghij`);
    expect(decodeAction(id)).toEqual({ kind, itemId: "itm_0lq3x9k2aabcdefghij" });
  });

  it.each([
    "WaXA", // the official fixture's action_id
    "",
    "triage",
    "triage:approve",
    "triage:approve:",
    "triage:refund:itm_1", // unknown kind
    "other:approve:itm_1",
    "triage:approve:itm_1:extra",
    "triage:approve:itm 1",
    "triage:approve:<!channel>",
    `triage:approve:${"a".repeat(300)}`,
  ])("decodes %j to undefined", (id) => {
    expect(decodeAction(id)).toBeUndefined();
  });

  it("refuses ids that are not opaque item ids or would exceed 255 characters", () => {
    expect(() => encodeAction("approve", "a:b")).toThrow(RangeError);
    expect(() => encodeAction("approve", "")).toThrow(RangeError);
    expect(() => encodeAction("approve", "x".repeat(201))).toThrow(RangeError);
    expect(encodeAction("reclassify", "x".repeat(200)).length).toBeLessThanOrEqual(255);
  });
});
