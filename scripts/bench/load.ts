/**
 * The load generator of the spine bench, run as a child process (`fork` with `--import tsx`) so
 * that its CPU and event loop are not the service's. It plays TikTok Shop: unique NEW_MESSAGE
 * webhooks, signed exactly as TikTok signs them, POSTed over keep-alive HTTP to 127.0.0.1 only.
 *
 * node:http is used rather than fetch: on this machine undici's fetch tops out near 300 req/s
 * (about 2 ms of client CPU per request), which would measure the client, not the service.
 *
 * Protocol (IPC): the parent sends a `LoadSpec`, the child answers `{ ready }` once every body is
 * built and signed, then `{ result }` when the last request has its answer, and exits.
 */
import http from "node:http";
import { buildNewMessageWebhook, signTikTokWebhook } from "../../test/msw/tiktok.ts";

export type LoadSpec = {
  port: number;
  /** How many webhooks to send (each unique). */
  count: number;
  /** In-flight requests at most. */
  concurrency: number;
  /** Offered rate (webhooks/s); absent = as fast as `concurrency` allows. */
  ratePerSecond?: number;
  /** Platform shop ids to spread the webhooks over (round robin). */
  shopIds: string[];
  appKey: string;
  appSecret: string;
  /** Makes delivery and message ids unique across phases and runs. */
  runTag: string;
  /** A request unanswered after this long counts as an error (a platform would give up too). */
  timeoutMs: number;
  /** Stop starting new requests after this long (the bench stays bounded in time). */
  maxSeconds?: number;
};

export type LoadSample = {
  /** The platform message id, to join with the card posted for it. */
  messageId: string;
  /** Epoch ms (sub-ms precision) when the request was started. */
  sentAt: number;
  /** Ms until the whole response had arrived. */
  ms: number;
  /** HTTP status, or the socket error code. */
  status: number | string;
  /** `outcome` from the service's answer (accepted / duplicate / ignored). */
  outcome?: string;
};

export type LoadResult = { samples: LoadSample[]; wallMs: number; /** Stopped by maxSeconds before sending all. */ truncated: boolean };

/** Epoch milliseconds with sub-millisecond precision, comparable across processes. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** Buyer messages as they arrive in the shops this serves: several languages, lengths and intents. */
const TEXTS = [
  "Hi, is the pink one still in stock? I need size M",
  "Where is my order? It has been 10 days and the tracking has not moved",
  "I received the wrong color, I want to return it",
  "Can I change the address for my order? I moved last week",
  "The item arrived broken, the screen is cracked. I want a refund",
  "Hola, ¿cuándo llega mi pedido? Lo pedí hace una semana",
  "¿Tienen esta camiseta en talla L?",
  "你好，我的包裹什么时候发货？",
  "收到的商品有破损，可以退款吗？",
  "Kak, barangnya kapan dikirim ya? Sudah 5 hari belum ada update",
  "Apakah ada warna hitam untuk ukuran XL?",
  "สินค้ายังไม่ได้รับเลยค่ะ ช่วยเช็คให้หน่อย",
  "Đơn hàng của tôi bị giao sai màu, tôi muốn đổi hàng",
  "Boleh saya batalkan pesanan? Saya tersalah pilih saiz",
  "Pwede po bang palitan yung size? Masyadong maliit po",
  "Thank you! The dress fits perfectly, love it",
  "If you don't refund me today I will report this shop and leave a 1 star review",
  "Do you ship to Sabah? How much is the shipping fee?",
];

async function buildRequests(spec: LoadSpec) {
  const nowSec = Math.floor(Date.now() / 1000);
  const out: { body: string; authorization: string; messageId: string }[] = [];
  for (let i = 0; i < spec.count; i++) {
    const seq = String(i).padStart(6, "0");
    const messageId = `74377669${spec.runTag}${seq}`;
    const text = `${TEXTS[i % TEXTS.length]} (order 5776${seq})`;
    const body = JSON.stringify(
      buildNewMessageWebhook({
        tts_notification_id: `73271123${spec.runTag}${seq}`,
        shop_id: spec.shopIds[i % spec.shopIds.length]!,
        timestamp: nowSec,
        // A few hundred conversations: most messages have earlier ones as context, as in real traffic.
        data: { message_id: messageId, conversation_id: `5764695894${spec.runTag}${String(i % 400).padStart(4, "0")}`, create_time: nowSec },
        text,
      }),
    );
    out.push({ body, authorization: await signTikTokWebhook(body, spec.appKey, spec.appSecret), messageId });
  }
  return out;
}

function post(agent: http.Agent, port: number, body: string, authorization: string, timeoutMs: number): Promise<{ status: number | string; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/webhooks/tiktok-shop",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? "response-error", text: "" }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? err.message, text: "" }));
    req.end(body);
  });
}

export async function runLoad(spec: LoadSpec, onReady: () => void = () => {}): Promise<LoadResult> {
  const requests = await buildRequests(spec);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  onReady();
  const samples: LoadSample[] = [];
  const start = epochNow();
  const stopAt = spec.maxSeconds ? start + spec.maxSeconds * 1000 : Number.POSITIVE_INFINITY;
  const interval = spec.ratePerSecond ? 1000 / spec.ratePerSecond : 0;
  let next = 0;
  let truncated = false;
  const worker = async () => {
    for (;;) {
      if (epochNow() >= stopAt) {
        truncated = next < requests.length;
        return;
      }
      const i = next++;
      if (i >= requests.length) return;
      if (interval) {
        const due = start + i * interval;
        const wait = due - epochNow();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const r = requests[i]!;
      const sentAt = epochNow();
      const { status, text } = await post(agent, spec.port, r.body, r.authorization, spec.timeoutMs);
      let outcome: string | undefined;
      try {
        outcome = (JSON.parse(text) as { outcome?: string }).outcome;
      } catch {
        outcome = undefined;
      }
      samples.push({ messageId: r.messageId, sentAt, ms: epochNow() - sentAt, status, outcome });
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const wallMs = epochNow() - start;
  agent.destroy();
  return { samples, wallMs, truncated };
}

// As a child process (forked by spine.ts with BENCH_LOAD_CHILD=1): one spec in, one result out.
if (process.env.BENCH_LOAD_CHILD === "1" && process.send) {
  process.once("message", (spec: LoadSpec) => {
    runLoad(spec, () => process.send!({ ready: true }))
      .then((result) => process.send!({ result }, () => process.exit(0)))
      .catch((err: unknown) => process.send!({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)));
  });
}
