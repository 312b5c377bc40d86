import { editSubmitErrors, type SlackInbound } from "../../adapters/chat/slack/inbound.ts";
import type { SlackWorkspace } from "../../src/config.ts";
import type { Deps } from "../../src/deps.ts";
import { openEditor } from "../../src/pipeline/open-editor.ts";
import { decide } from "../../src/pipeline/decide.ts";

/** What to answer Slack: an empty 200, a JSON body (challenge, modal errors). */
export type SlackAnswer = { body?: Record<string, unknown> };

/**
 * The one place Slack inbound (HTTP or Socket Mode) turns into pipeline verbs: verify and parse
 * happened before; this authorises the clicker and calls decide / openEditor. Slack gets its ack
 * within its 3 s window because both verbs are single short transactions; the card update, the
 * reply and any "already handled" note run as jobs.
 */
export async function onSlackInbound(deps: Deps, inbound: SlackInbound): Promise<SlackAnswer> {
  switch (inbound.kind) {
    case "url_verification":
      return { body: { challenge: inbound.challenge } };
    case "ssl_check":
    case "event":
    case "ignored":
      return {};
    case "action":
    case "edit_submit": {
      const workspace = resolveWorkspace(deps, inbound.teamId);
      if (!workspace) return {};
      const actor = { surface: "slack" as const, id: inbound.userId, name: inbound.userName };
      if (workspace.allowedUsers.length > 0 && !workspace.allowedUsers.includes(inbound.userId)) {
        const text = "You are not allowed to act on triage cards in this workspace.";
        if (inbound.kind === "edit_submit") return { body: editSubmitErrors(text) };
        await notify(deps, workspace, inbound.channel, inbound.userId, text);
        return {};
      }
      if (inbound.kind === "edit_submit") {
        const result = await decide(deps, { itemId: inbound.itemId, action: "edit", actor, text: inbound.text, dedupeKey: `view:${inbound.viewId}` });
        return result.ok || result.reason === "duplicate" ? {} : { body: editSubmitErrors(result.message) };
      }
      if (inbound.action === "edit") {
        const refusal = await openEditor(deps, workspace.id, inbound.itemId, actor, inbound.triggerId);
        if (refusal) await notify(deps, workspace, inbound.channel, inbound.userId, refusal);
        return {};
      }
      const result = await decide(deps, {
        itemId: inbound.itemId,
        action: inbound.action,
        actor,
        dedupeKey: inbound.dedupeKey,
        intent: inbound.selected,
      });
      if (!result.ok && result.reason !== "duplicate") await notify(deps, workspace, inbound.channel, inbound.userId, result.message);
      return {};
    }
  }
}

function resolveWorkspace(deps: Deps, teamId: string | undefined): SlackWorkspace | undefined {
  const all = deps.config.slack?.workspaces ?? [];
  return all.find((w) => w.teamId && w.teamId === teamId) ?? (all.length === 1 ? all[0] : all.find((w) => !w.teamId));
}

async function notify(deps: Deps, workspace: SlackWorkspace, channel: string, userId: string, text: string): Promise<void> {
  await deps.queue.enqueue("triage.notify", { workspace: workspace.id, channel, userId, text });
  deps.queue.nudge();
}
