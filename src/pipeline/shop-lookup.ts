import { eq } from "drizzle-orm";
import { shops } from "../../db/schema/index.ts";
import { findShop, shopAuth, type ShopConfig } from "../config.ts";
import type { Executor } from "../../db/client.ts";
import type { Deps } from "../deps.ts";
import { ConfigError } from "../errors.ts";
import type { PlatformName, ShopAuth, ShopPlatform } from "../ports.ts";

export type ShopContext = {
  shop: typeof shops.$inferSelect & { platform: PlatformName };
  config: ShopConfig;
  platform: ShopPlatform;
  auth: ShopAuth;
};

/**
 * The stored shop with its configuration, platform adapter and credentials. Inside a transaction
 * pass it as `db`: PGlite has one connection, so a query beside an open transaction would wait forever.
 */
export async function findShopById(deps: Deps, shopRowId: string, db: Executor = deps.db): Promise<ShopContext> {
  const [shop] = await db.select().from(shops).where(eq(shops.id, shopRowId));
  if (!shop) throw new ConfigError(`shop ${shopRowId} not found`);
  const platformName = shop.platform as PlatformName;
  const config = findShop(deps.config, platformName, shop.externalId);
  const platform = deps.shops[platformName];
  if (!config || !platform) throw new ConfigError(`shop ${shop.name} (${shop.externalId}) is no longer configured`);
  return { shop: { ...shop, platform: platformName }, config, platform, auth: shopAuth(config, shop.externalId) };
}
