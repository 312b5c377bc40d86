import { describe, expect, it } from "vitest";
import { redactPii } from "./redact.ts";

describe("redactPii", () => {
  it.each([
    ["mail me at ana.lee+shop@gmail.com pls", "mail me at [email] pls"],
    ["wa +62 812-3456-7890 kak", "wa [number] kak"],
    ["order 576684019603311365 belum sampai", "order [number] belum sampai"],
    ["see https://evil.example/x?y=1 now", "see [url] now"],
    ["size M, 2 pcs, 150k", "size M, 2 pcs, 150k"],
  ])("%s", (input, expected) => {
    expect(redactPii(input)).toBe(expected);
  });
});
