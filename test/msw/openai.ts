/**
 * An msw fake of OpenAI's Chat Completions endpoint, faithful to the real wire format:
 *  - `Authorization: Bearer …` required, else HTTP 401 with OpenAI's error envelope
 *    (`{"error": {"message", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}`);
 *  - the request body checked the way the API does for structured outputs (`model`, non-empty
 *    `messages`, `response_format.type = "json_schema"` with a `name` and a `schema`), 400 otherwise;
 *  - responses shaped like a real `chat.completion` object (id, created, model, choices with
 *    `message.content` as a JSON string, `refusal`, `finish_reason`, usage with token details,
 *    `system_fingerprint`) and an `x-request-id` header.
 * Every request body is recorded so tests can assert on what was sent.
 */
import { delay, http, HttpResponse, type HttpHandler } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll } from "vitest";
import { z } from "zod";

export const OPENAI_TEST_BASE_URL = "https://api.openai.com/v1";
const COMPLETIONS = `${OPENAI_TEST_BASE_URL}/chat/completions`;

const ChatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.enum(["system", "developer", "user", "assistant"]), content: z.string() })).min(1),
  response_format: z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({ name: z.string().min(1), strict: z.boolean().optional(), schema: z.record(z.string(), z.unknown()) }),
  }),
  temperature: z.number().optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

let seq = 0;

/** A real-format `chat.completion` whose assistant message content is `content`. */
export function chatCompletion(content: string | null, options: { model?: string; refusal?: string | null; finishReason?: string } = {}) {
  seq++;
  return {
    id: `chatcmpl-test${String(seq).padStart(6, "0")}`,
    object: "chat.completion",
    created: 1_767_225_600 + seq,
    model: options.model ?? "gpt-4o-mini-2024-07-18",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: options.refusal ?? null, annotations: [] },
        logprobs: null,
        finish_reason: options.finishReason ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: 412,
      completion_tokens: 31,
      total_tokens: 443,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: "fp_test0001",
  };
}

function openaiError(status: number, message: string, code: string | null, type = "invalid_request_error") {
  return HttpResponse.json({ error: { message, type, param: null, code } }, { status, headers: { "x-request-id": `req_test${seq}` } });
}

/**
 * Handlers for one test: `reply(request)` decides the assistant content (a string, or an object
 * that is JSON-encoded, or a promise of either), `delayMs` holds the response (timeouts), `requests`
 * collects bodies. `delayMs` and `refusal` are read per request, so a test may change them.
 */
export function openaiHandlers(options: {
  /** May return a promise: a test can hold the answer until it has looked at the card. */
  reply: (request: ChatRequest) => unknown;
  delayMs?: number;
  requests?: ChatRequest[];
  refusal?: string;
}): HttpHandler[] {
  return [
    http.post(COMPLETIONS, async ({ request }) => {
      if (!/^Bearer \S+/.test(request.headers.get("authorization") ?? "")) {
        return openaiError(401, "You didn't provide an API key.", "invalid_api_key");
      }
      const parsed = ChatRequestSchema.safeParse(await request.json());
      if (!parsed.success) return openaiError(400, `Invalid request: ${parsed.error.issues[0]?.message ?? "bad body"}`, null);
      options.requests?.push(parsed.data);
      if (options.delayMs) await delay(options.delayMs);
      const out = await options.reply(parsed.data);
      const content = options.refusal ? null : typeof out === "string" ? out : JSON.stringify(out);
      return HttpResponse.json(chatCompletion(content, { model: parsed.data.model, refusal: options.refusal ?? null }), {
        headers: { "x-request-id": `req_test${seq}`, "openai-processing-ms": "120" },
      });
    }),
  ];
}

/**
 * For unit tests of the LLM adapters: an msw server (unhandled requests are errors, handlers reset
 * after each test) and an OpenAI client built after msw patches fetch, since OpenAI captures
 * `fetch` when it is constructed.
 */
export function useOpenAiTestServer(): { server: SetupServer; readonly client: OpenAI } {
  const server = setupServer();
  let client: OpenAI | undefined;
  beforeAll(() => {
    server.listen({ onUnhandledRequest: "error" });
    client = new OpenAI({ apiKey: "sk-test", baseURL: OPENAI_TEST_BASE_URL });
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    get client() {
      if (!client) throw new Error("the OpenAI test client exists once beforeAll has run");
      return client;
    },
  };
}
