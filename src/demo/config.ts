import type { AppConfig } from "../config.ts";
import type { Env } from "../env.ts";
import { ConfigError } from "../errors.ts";

const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

export const DEMO_SHOP_ID = "7495000000000000001";

/** Whether this start is a demo: only when no shop platform is configured, so a real deployment never is. */
export function demoWanted(env: Pick<Env, "DEMO">, config: AppConfig): boolean {
  const platformConfigured = config.tiktok !== null || config.shops.length > 0;
  if (env.DEMO === "on" && platformConfigured) {
    throw new ConfigError("Invalid configuration:\n  - DEMO: the demo runs only when no shop platform is configured (unset the TIKTOK_SHOP_* variables)");
  }
  return env.DEMO !== "off" && !platformConfigured;
}

/**
 * The demo's configuration: a TikTok Shop app whose key and secret are generated now, pointed at
 * the fake TikTok API the service serves under /demo/tiktok, one simulated shop, and the service
 * bound to 127.0.0.1, since the board is open without a login in demo mode.
 */
export function withDemo(config: AppConfig, intervalMs: number): AppConfig {
  const host = "127.0.0.1";
  const demo = { appKey: `demo${randomHex(6)}`, appSecret: randomHex(20), accessToken: `TTP_demo_${randomHex(12)}`, cipher: "DEMO_cipher", shopId: DEMO_SHOP_ID, intervalMs };
  return {
    ...config,
    host,
    demo,
    tiktok: { appKey: demo.appKey, appSecret: demo.appSecret, apiUrl: `http://${host}:${config.port}/demo/tiktok` },
    shops: [
      {
        platform: "tiktok_shop",
        shopId: demo.shopId,
        name: "Demo Shop (simulated)",
        accessToken: demo.accessToken,
        cipher: demo.cipher,
        market: "SEA",
        workspace: config.slack?.workspaces[0]?.id ?? "default",
      },
    ],
  };
}
