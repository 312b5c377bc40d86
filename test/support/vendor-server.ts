/**
 * The msw vendor fakes (test/msw/*) served over a REAL local HTTP server, for tests that run the
 * service as a separate process (msw's in-process interception cannot reach a child process).
 *
 * Every request is answered with msw's `getResponse(handlers, request)`, so the fakes behave and
 * record exactly as they do in-process. Extras for crash tests: a per-request delay before and/or
 * after the fake handles the request (the "after" part models a call that took effect while its
 * answer is still on the wire), a count of requests in flight, and a list of requests no handler
 * matched (answered 501 so the service sees a failure, and the test can assert the list is empty).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse, type RequestHandler } from "msw";

export type VendorRequestInfo = {
  method: string;
  path: string;
  /** before: not yet seen by the fake; handling: inside the fake; after: the fake has acted, answer not yet sent. */
  phase: "before" | "handling" | "after";
};
export type VendorDelay = { beforeMs?: number; afterMs?: number };

export type VendorServer = {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** The handlers answering requests; set once the fakes are built with `url`. */
  use(...handlers: RequestHandler[]): void;
  /** Per-request latency, decided per request (null: none). */
  setDelay(fn: ((req: Omit<VendorRequestInfo, "phase">) => VendorDelay | null) | null): void;
  /** Requests received and not yet fully answered, optionally only those matching `filter`. */
  inFlight(filter?: (req: VendorRequestInfo) => boolean): number;
  /** Requests no handler matched. */
  unhandled: VendorRequestInfo[];
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startVendorServer(): Promise<VendorServer> {
  let handlers: RequestHandler[] = [];
  let delay: ((req: Omit<VendorRequestInfo, "phase">) => VendorDelay | null) | null = null;
  const active = new Set<VendorRequestInfo>();
  const unhandled: VendorRequestInfo[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse, origin: string) {
    const info: VendorRequestInfo = { method: req.method ?? "GET", path: req.url ?? "/", phase: "before" };
    active.add(info);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        for (const value of Array.isArray(v) ? v : [v]) headers.append(k, value);
      }
      const body = chunks.length > 0 && info.method !== "GET" && info.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      const request = new Request(new URL(info.path, origin), { method: info.method, headers, body });
      const d = delay?.(info) ?? null;
      if (d?.beforeMs) await sleep(d.beforeMs);
      info.phase = "handling";
      const response = await getResponse(handlers, request);
      info.phase = "after";
      if (d?.afterMs) await sleep(d.afterMs);
      if (!response) {
        unhandled.push(info);
        res.writeHead(501, { "content-type": "text/plain" }).end(`no fake handles ${info.method} ${info.path}`);
        return;
      }
      if (response.type === "error") {
        // HttpResponse.error(): the fake took the call but the connection drops before the answer.
        res.socket?.destroy();
        return;
      }
      const out: Record<string, string> = {};
      response.headers.forEach((value, key) => (out[key] = value));
      const payload = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, out).end(payload);
    } catch (err) {
      // The client (a killed service) may be gone: nothing to answer.
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    } finally {
      active.delete(info);
    }
  }

  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((req, res) => void handle(req, res, url));
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    use(...h) {
      handlers = h;
    },
    setDelay(fn) {
      delay = fn;
    },
    inFlight(filter) {
      let n = 0;
      for (const r of active) if (!filter || filter(r)) n++;
      return n;
    },
    unhandled,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
