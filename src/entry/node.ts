import { serve } from "@hono/node-server";
import { startLarkLongConnection } from "../../adapters/chat/lark/ws-client.ts";
import { startSocketMode } from "../../adapters/chat/slack/socket-mode.ts";
import { onLarkInbound } from "../../handlers/lark/on-inbound.ts";
import { onSlackInbound } from "../../handlers/slack/on-inbound.ts";
import { buildConfig } from "../config.ts";
import { demoWanted, withDemo } from "../demo/config.ts";
import { parseEnv } from "../env.ts";
import { BaseError } from "../errors.ts";
import { createLogger, errorFields } from "../logger.ts";
import { createService } from "../service.ts";
import { readConfigFile } from "./config-file.ts";

/** `npm start`: validate config, start the service on embedded defaults unless told otherwise. */
async function main() {
  const env = parseEnv(process.env);
  const log = createLogger(env.LOG_LEVEL);
  const file = env.CONFIG_FILE ? readConfigFile(env.CONFIG_FILE) : undefined;
  const configured = buildConfig(env, file);
  // No shop platform configured: the demo (simulated buyers + fake shop), bound to 127.0.0.1.
  const config = demoWanted(env, configured) ? withDemo(configured, env.DEMO_INTERVAL_MS) : configured;
  const started = Date.now();
  const service = await createService({ config, log });

  const server = serve({ fetch: service.app.fetch, port: config.port, hostname: config.host });
  let stopSocket: (() => Promise<void>) | undefined;
  const workspace = config.slack?.workspaces[0];
  if (config.slack?.appToken && workspace) {
    stopSocket = await startSocketMode({
      appToken: config.slack.appToken,
      botToken: workspace.botToken,
      apiUrl: config.slack.apiUrl,
      onInbound: async (inbound) => (await onSlackInbound(service.deps, inbound)).body,
    });
    log.info("slack.socket_mode", { workspace: workspace.id });
  }
  let stopLark: (() => void) | undefined;
  if (config.lark?.longConnection) {
    const { appId, appSecret, domain } = config.lark;
    stopLark = startLarkLongConnection({ appId, appSecret, domain, log, onInbound: (inbound) => onLarkInbound(service.deps, inbound) });
    log.info("lark.long_connection", { domain });
  }
  service.deps.demo?.simulator.start(config.demo?.intervalMs ?? 0);
  log.info("service.started", {
    board: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}/`,
    demo: config.demo ? "on: simulated TikTok Shop buyers, board open without login on 127.0.0.1" : "off",
    port: config.port,
    db: service.deps.database.kind,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    slack: config.slack ? config.slack.workspaces.map((w) => w.id) : "not configured",
    lark: config.lark ? { domain: config.lark.domain, http: !!config.lark.encryptKey, longConnection: config.lark.longConnection } : "not configured",
    shops: config.shops.map((s) => s.name),
    model: service.deps.classifier.version,
    ms: Date.now() - started,
  });

  const shutdown = async (signal: string) => {
    log.info("service.stopping", { signal });
    server.close();
    await stopSocket?.();
    stopLark?.();
    await service.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  if (err instanceof BaseError && err.code === "CONFIG") {
    console.error(err.message);
  } else {
    console.error(JSON.stringify({ level: "error", msg: "service.crashed", ...errorFields(err) }));
  }
  process.exit(1);
});
