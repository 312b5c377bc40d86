import { LARK_MAX_SKEW_SECONDS } from "../../adapters/chat/lark/verify.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../support/databases.ts";
import { eventually, freshMessage, postTikTokWebhook, startHarness, startVendorMocks, type Harness } from "../support/harness.ts";
import { countRows, itemState } from "../support/queries.ts";
import { createBoundLarkFake, LARK_ENV, larkClick, NO_SLACK, postedOn, postLark } from "./lark-support.ts";

const lark = createBoundLarkFake();
const vendors = startVendorMocks(lark.handlers);
afterAll(() => vendors.close());

describe.each(BACKENDS)("Lark inbound security on %s", (backend) => {
  let h: Harness;
  let target: { itemId: string; ref: { channel: string; ts: string } };
  beforeAll(async () => {
    h = await startHarness(backend, { ...NO_SLACK, ...LARK_ENV });
    const msg = freshMessage("link please, I want to order 2");
    await postTikTokWebhook(h.app, msg.body);
    target = await eventually(() => postedOn(h.deps, msg.messageId, "lark"), 20_000, "lark card");
  }, 60_000);
  afterAll(async () => h?.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const approve = () => larkClick("approve", target.itemId, target.ref, "ou_attacker0001");
  const forged: [string, () => Promise<Response>][] = [
    ["bad signature (wrong key)", () => postLark(h.app, approve(), { key: "not-the-encrypt-key" })],
    // A minute outside the window: on the wall clock a timestamp one second outside can arrive
    // inside it (the exact ±300 s boundary is tested with a fixed clock in lark/verify.test.ts).
    ["stale timestamp", () => postLark(h.app, approve(), { ts: now() - LARK_MAX_SKEW_SECONDS - 60 })],
    ["future timestamp", () => postLark(h.app, approve(), { ts: now() + LARK_MAX_SKEW_SECONDS + 60 })],
    ["missing signature", () => postLark(h.app, approve(), { sign: false })],
    ["body changed after signing", () => postLark(h.app, approve(), { mutate: (raw) => raw.replace('{"encrypt":"', '{"encrypt": "') })],
    ["wrong verification token", () => postLark(h.app, larkClick("approve", target.itemId, target.ref, "ou_attacker0001", { token: "forged-token" }))],
    ["plain body signed with the wrong key", () => postLark(h.app, approve(), { encrypt: false, key: "guess" })],
    ["ciphertext swapped after signing", () => postLark(h.app, approve(), { mutate: () => JSON.stringify({ encrypt: "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=" }) })],
  ];

  it.each(forged)("an Approve with a %s is rejected with 401 and changes nothing", async (_name, send) => {
    const sentBefore = vendors.tiktok.sent.length;
    const patchesBefore = lark.calls.filter((c) => c.path === "im.message.patch").length;
    const before = await countRows(h.deps);
    const res = await send();
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    await new Promise((r) => setTimeout(r, 300));
    expect(await countRows(h.deps)).toEqual(before);
    expect((await itemState(h.deps, target.itemId))?.state).toBe("carded");
    expect(vendors.tiktok.sent.length).toBe(sentBefore);
    expect(lark.calls.filter((c) => c.path === "im.message.patch").length).toBe(patchesBefore);
  });

  it("a url_verification with the wrong token gets no challenge", async () => {
    const res = await postLark(h.app, { challenge: "c-1", token: "forged", type: "url_verification" }, { sign: false });
    expect(res.status).toBe(401);
  });

  it("a tampered callback value that names no item of ours is acked and ignored", async () => {
    const before = await countRows(h.deps);
    const body = larkClick("approve", target.itemId, target.ref, "ou_someone00001");
    (body.event.action as { value: unknown }).value = { action: "approve", item: "itm_../../etc" };
    const res = await postLark(h.app, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await countRows(h.deps)).toEqual(before);
  });

  it("the same click, correctly signed, still works after all that", async () => {
    const res = await postLark(h.app, approve());
    expect(res.status).toBe(200);
    await eventually(async () => (await itemState(h.deps, target.itemId))?.state === "sent", 15_000, "sent");
  });
});
