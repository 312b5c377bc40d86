import { chatEvents } from "../../db/schema/index.ts";
import type { Deps } from "../deps.ts";
import type { SurfaceName } from "../ports.ts";

/**
 * Remembers an inbound chat delivery by the surface's event id. Returns false when it was seen
 * before (a platform retry), so the caller answers without acting twice. The primary key makes
 * this atomic: of two concurrent deliveries of one event, exactly one gets true.
 */
export async function recordInboundEvent(deps: Deps, surface: SurfaceName, eventId: string, eventType: string): Promise<boolean> {
  const inserted = await deps.db
    .insert(chatEvents)
    .values({ surface, eventId, eventType })
    .onConflictDoNothing()
    .returning({ eventId: chatEvents.eventId });
  return inserted.length > 0;
}
