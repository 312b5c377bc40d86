import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function runCli(lines: string[]): { out: unknown[]; status: number | null; stderr: string } {
  const res = spawnSync("npx", ["tsx", "scripts/classify.ts", "--jsonl"], { cwd: ROOT, input: lines.join("\n") + "\n", encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { out: res.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as unknown), status: res.status, stderr: res.stderr };
}

/**
 * CPU seconds used by this process's finished children (Linux /proc: cutime + cstime, in clock
 * ticks of 1/100 s). Wall time on a shared CI machine swings with the neighbours' load; the CPU
 * the CLI burns does not.
 */
function childCpuSeconds(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

describe("classify CLI (--jsonl)", () => {
  it("writes one line per input, in order, with exactly the contract fields; bad lines get an error line", () => {
    const { out, status } = runCli([
      JSON.stringify({ text: "ราคาเท่าไหร่ครับ" }),
      "this is not json",
      JSON.stringify({ text: "mahal", context: ["Rp 150rb kak"] }),
      JSON.stringify({ txt: "wrong field" }),
      JSON.stringify({ text: "the charger caught fire and burned my hand" }),
      JSON.stringify({ text: "còn size M ko shop" }),
    ]);
    expect(status).toBe(0);
    expect(out).toHaveLength(6);
    const fields = ["intent", "group", "confidence", "lang", "sentiment", "risk", "risk_flags"];
    for (const i of [0, 2, 4, 5]) expect(Object.keys(out[i] as object).sort()).toEqual([...fields].sort());
    expect(out[0]).toMatchObject({ intent: "price_inquiry", group: "price", lang: "th" });
    expect(out[1]).toEqual({ error: "invalid JSON" });
    expect(out[2]).toMatchObject({ intent: "bargain" });
    expect((out[3] as { error: string }).error).toMatch(/text/);
    expect(out[4]).toMatchObject({ risk: "critical" });
    expect((out[4] as { risk_flags: string[] }).risk_flags).toContain("safety_hazard");
    expect(out[5]).toMatchObject({ intent: "stock_availability", lang: "vi" });
  });

  it("classifies 10,000 lines in a few seconds", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ text: `${["link pls", "berapa kak?", "有货吗", "where is my order"][i % 4]} ${i}` }));
    const cpuBefore = childCpuSeconds();
    const started = Date.now();
    const { out, status } = runCli(lines);
    expect(status).toBe(0);
    expect(out).toHaveLength(10_000);
    // ~3 s on a quiet machine, start-up (npx, tsx, model load) included.
    const cpuAfter = childCpuSeconds();
    if (cpuBefore !== undefined && cpuAfter !== undefined) expect(cpuAfter - cpuBefore).toBeLessThan(10);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
