/**
 * Socket Mode (Node only): Bolt's App holds the WebSocket; one catch-all middleware turns every
 * envelope into the same `SlackInbound` the HTTP route produces, so both feed the same handlers.
 * No signature check here: the socket itself is authenticated by the app-level token.
 */
import { App, LogLevel } from "@slack/bolt";
import { ValidationError } from "../../../src/errors.ts";
import { DEFAULT_SLACK_API_URL } from "./client.ts";
import { parseSlackPayload, type SlackInbound } from "./inbound.ts";

/** What `onInbound` may answer: nothing (plain ack) or an ack body such as `editSubmitErrors(…)`. */
export type SocketAckBody = Record<string, unknown> | void;

export type SocketModeOptions = {
  /** App-level token (`xapp-…`, `connections:write`). */
  appToken: string;
  botToken: string;
  /** Unused by Socket Mode itself; accepted so config can pass it through unchanged. */
  signingSecret?: string;
  apiUrl?: string;
  onInbound: (inbound: SlackInbound, meta: { retryNum?: number; retryReason?: string }) => Promise<SocketAckBody>;
  logLevel?: LogLevel;
};

/** Builds the Bolt app without connecting (tests drive it through `app.processEvent`). */
export function createSocketModeApp(opts: SocketModeOptions): App {
  const app = new App({
    socketMode: true,
    appToken: opts.appToken,
    // A fixed authorization instead of `token`: Bolt would otherwise call auth.test over the network.
    authorize: async () => ({ botToken: opts.botToken }),
    clientOptions: { slackApiUrl: `${(opts.apiUrl ?? DEFAULT_SLACK_API_URL).replace(/\/+$/, "")}/` },
    // Our handlers see every envelope (they dedupe events by id), including our own bot's.
    ignoreSelf: false,
    convoStore: false,
    developerMode: false, // developer mode logs whole bodies (MUST rule 20)
    logLevel: opts.logLevel ?? LogLevel.INFO,
  });

  app.use(async (args) => {
    const { body, context, logger } = args;
    // Bolt acks Events API envelopes itself before middleware runs; interactivity hands us `ack`.
    const ack = "ack" in args && typeof args.ack === "function" ? (args.ack as (r?: unknown) => Promise<void>) : undefined;
    let inbound: SlackInbound;
    try {
      inbound = parseSlackPayload(body);
    } catch (err) {
      // Nothing a redelivery could fix: ack so Slack stops, and log why (never the body).
      if (err instanceof ValidationError) {
        logger.warn(`slack socket: dropped malformed payload: ${err.message}`);
        await ack?.();
        return;
      }
      throw err;
    }
    // No ack on failure: Slack shows the click as failed instead of silently losing it.
    const reply = await opts.onInbound(inbound, { retryNum: context.retryNum, retryReason: context.retryReason });
    await ack?.(reply ?? undefined);
  });
  return app;
}

/** Connects and returns a stop function. */
export async function startSocketMode(opts: SocketModeOptions): Promise<() => Promise<void>> {
  const app = createSocketModeApp(opts);
  await app.start();
  return async () => {
    await app.stop();
  };
}
