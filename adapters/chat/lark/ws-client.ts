/**
 * Long-connection mode (Node only): the SDK's WSClient holds an outbound WebSocket to Lark, so no
 * public URL is needed. Its EventDispatcher hands us each event and card callback, which we turn
 * into the same `LarkInbound` the HTTP route produces; what the handler returns (a toast and the
 * updated card) goes back in the ack frame. No signature or decryption here: the socket is
 * authenticated when it connects. With several instances, Lark delivers each event to one of them.
 */
import * as lark from "@larksuiteoapi/node-sdk";
import { ValidationError } from "../../../src/errors.ts";
import type { Logger } from "../../../src/logger.ts";
import { parseLarkBody, unflattenSdkEvent, type LarkInbound } from "./inbound.ts";

export type LarkLongConnectionOptions = {
  appId: string;
  appSecret: string;
  domain: string;
  log: Logger;
  onInbound: (inbound: LarkInbound) => Promise<object>;
};

/** The dispatcher the socket feeds; built apart from the socket so tests can drive it directly. */
export function createLarkDispatcher(opts: Pick<LarkLongConnectionOptions, "log" | "onInbound">): lark.EventDispatcher {
  const handle = async (data: Record<string, unknown>) => {
    let inbound: LarkInbound;
    try {
      inbound = await parseLarkBody(unflattenSdkEvent(data));
    } catch (err) {
      // Nothing a redelivery could fix: ack so Lark stops, and log why (never the body).
      if (err instanceof ValidationError) {
        opts.log.warn("lark.ws.malformed", { error: err.message });
        return {};
      }
      throw err;
    }
    return opts.onInbound(inbound);
  };
  return new lark.EventDispatcher({ logger: sdkLogger(opts.log), loggerLevel: lark.LoggerLevel.warn }).register({
    "card.action.trigger": handle,
    "im.message.receive_v1": handle,
  } as Parameters<lark.EventDispatcher["register"]>[0]);
}

/** Connects and returns a stop function. */
export function startLarkLongConnection(opts: LarkLongConnectionOptions): () => void {
  const ws = new lark.WSClient({ appId: opts.appId, appSecret: opts.appSecret, domain: opts.domain, logger: sdkLogger(opts.log), loggerLevel: lark.LoggerLevel.info });
  void ws.start({ eventDispatcher: createLarkDispatcher(opts) });
  return () => ws.close();
}

/** The SDK logs arrays of mixed values; keep them as one message string in our JSON lines. */
function sdkLogger(log: Logger) {
  const line = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ").slice(0, 500);
  return {
    error: (...a: unknown[]) => log.error("lark.sdk", { detail: line(a) }),
    warn: (...a: unknown[]) => log.warn("lark.sdk", { detail: line(a) }),
    info: (...a: unknown[]) => log.info("lark.sdk", { detail: line(a) }),
    debug: (...a: unknown[]) => log.debug("lark.sdk", { detail: line(a) }),
    trace: () => {},
  };
}
