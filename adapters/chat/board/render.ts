/**
 * The board's HTML, server-rendered from the same neutral CardModel as Slack and Lark cards.
 * `html` from hono/html escapes every interpolated value; buyer text is never trusted.
 */
import { html, raw } from "hono/html";
import { GROUPS, RISK_LEVELS } from "../../../intents/taxonomy.ts";
import type { ActionKind } from "../../../src/ports.ts";
import type { BoardCard, BoardFilters } from "../../../src/board/queries.ts";
import { BOARD_CSS } from "./style.ts";

type Html = ReturnType<typeof html>;

const LABEL: Record<ActionKind, { text: string; key: string }> = {
  approve: { text: "Approve", key: "a" },
  edit: { text: "Edit", key: "e" },
  claim: { text: "Claim", key: "c" },
  reclassify: { text: "Reclassify", key: "r" },
  escalate: { text: "Escalate", key: "x" },
  dismiss: { text: "Dismiss", key: "d" },
};

const who = (a: { id: string; name?: string } | null) => (a ? (a.name ?? a.id) : "the system");
const time = (d: Date) => html`<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 16).replace("T", " ")} UTC</time>`;

function outcome(card: BoardCard): Html | string {
  const o = card.outcome;
  if (!o) return "";
  if (o.kind === "sent") return html`<p class="outcome sent">✅ Sent by ${who(o.by)} · ${time(o.at)}: “${o.text}”</p>`;
  if (o.kind === "failed") return html`<p class="outcome failed" role="alert">⚠️ Failed: ${o.reason}</p>`;
  return html`<p class="outcome">${o.kind[0]!.toUpperCase()}${o.kind.slice(1)} by ${who(o.by)} · ${time(o.at)}</p>`;
}

/** The suggested reply, its source (template or LLM), the staff translation and the LLM draft's state. */
function suggestion(card: BoardCard, s: NonNullable<BoardCard["suggestion"]>): Html {
  const llm = s.source.startsWith("llm:");
  const draft = card.llmDraft;
  return html`<p class="suggestion"><strong>Suggested reply</strong> <small>(${llm ? `LLM draft · ${s.source.slice(4)}` : s.source})</small><br><span class="draft" lang="${card.lang}">${s.text}</span></p>
${s.translation ? html`<p class="translation"><strong>Translation (${s.translation.lang.toUpperCase()})</strong> <small>for staff, not sent</small><br><span lang="${s.translation.lang}">${s.translation.text}</span></p>` : ""}
${draft?.status === "pending" && live(card) ? html`<p class="llm-draft pending" role="status">Writing an LLM draft… the template is shown; Approve appears with the draft.</p>` : ""}
${draft?.status === "fallback" && !llm ? html`<p class="llm-draft fallback">LLM draft not used: ${draft.reason}. The template is shown.</p>` : ""}`;
}

const live = (card: BoardCard) => card.actions.length > 0;

/** One card, as an `<article>` the client script can replace in place (data-version orders updates). */
export function renderCard(card: BoardCard): Html {
  const live = card.actions;
  return html`<article class="card risk-${card.risk}" id="item-${card.itemId}" data-item="${card.itemId}" data-version="${card.version}" data-state="${card.state}" tabindex="0" aria-labelledby="h-${card.itemId}">
<header>
  <h2 id="h-${card.itemId}"><span class="intent">${card.intent.zh} ${card.intent.en}</span> <span class="group">${card.intent.groupZh} · ${card.intent.groupEn}</span></h2>
  <span class="badge risk" title="risk">risk: ${card.risk}</span>
  <span class="badge state">${card.state}</span>
</header>
<p class="meta">${card.shop.name} · ${card.buyer} · <span lang="${card.lang}">${card.lang}</span> · confidence ${Math.round(card.confidence * 100)}%${card.unsure ? " (unsure)" : ""} · ${card.sentiment} · ${time(card.receivedAt)}${card.slaDueAt ? html` · <span class="sla">reply by ${time(card.slaDueAt)}</span>` : ""}</p>
${card.riskFlags.length ? html`<p class="flags">${card.riskFlags.map((f) => html`<span class="badge flag">${f}</span> `)}</p>` : ""}
<blockquote class="text" lang="${card.lang}">${card.text}</blockquote>
${card.suggestion ? suggestion(card, card.suggestion) : html`<p class="suggestion none">No suggested reply: use Edit to write one.</p>`}
${card.claimedBy ? html`<p class="claimed">Claimed by ${who(card.claimedBy)}</p>` : ""}
${outcome(card)}
${live.length
    ? html`<div class="actions" role="group" aria-label="Actions">
${live.filter((a) => a !== "reclassify").map((a) => html`<button type="button" data-action="${a}" aria-keyshortcuts="${LABEL[a].key}">${LABEL[a].text} <kbd>${LABEL[a].key}</kbd></button> `)}
${live.includes("reclassify")
        ? html`<label class="reclassify">Intent <select name="intent" aria-label="Correct intent">${card.intentChoices.map((c) => html`<option value="${c.id}" ${c.id === card.intent.id ? "selected" : ""}>${c.label}</option>`)}</select></label><button type="button" data-action="reclassify">Reclassify</button>`
        : ""}
</div>
<form class="editor" hidden data-edit>
<label for="edit-${card.itemId}">Reply to send</label>
<textarea id="edit-${card.itemId}" name="text" rows="4" maxlength="2000">${card.suggestion?.text ?? ""}</textarea>
<button type="submit">Send edited reply</button> <button type="button" data-cancel>Cancel</button>
</form>`
    : ""}
<p class="status" role="status" aria-live="polite"></p>
<a class="history" href="/board/conversations/${card.itemId}">Conversation</a>
</article>`;
}

const option = (value: string, label: string, current: string | undefined) => html`<option value="${value}" ${value === (current ?? "") ? "selected" : ""}>${label}</option>`;

export type PageInput = {
  cards: BoardCard[];
  filters: BoardFilters;
  choices: { langs: string[]; shops: { id: string; name: string }[] };
  user: { name: string; role: string; via: string };
  csrf: string;
  demo: null | { replies: { text: string; conversationId: string; at: Date }[] };
};

/** The whole board: filters, the queue, the demo's fake shop panel, keyboard help. */
export function renderBoard(p: PageInput): Html {
  const f = p.filters;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="csrf-token" content="${p.csrf}">
<title>Triage board · reply-triage</title><style>${raw(BOARD_CSS)}</style></head>
<body>
<a class="skip" href="#queue">Skip to the queue</a>
<header class="top"><h1>Triage board</h1>
<span class="who">${p.user.name} (${p.user.role})${p.user.via === "demo" ? html` · <strong>demo mode</strong>` : ""}</span>
${p.user.via === "session" ? html`<form method="post" action="/logout"><button>Log out</button></form>` : ""}
<span id="live" class="live" aria-live="polite">connecting…</span></header>
<form class="filters" method="get" action="/" aria-label="Filters">
<label>State <select name="state">${option("open", "Open", f.state ?? "open")}${option("all", "All", f.state)}${["carded", "claimed", "escalated", "approved", "sending", "sent", "dismissed", "failed"].map((s) => option(s, s, f.state))}</select></label>
<label>Group <select name="group">${option("", "Any", f.group)}${Object.entries(GROUPS).map(([id, g]) => option(id, `${g.zh} ${g.en}`, f.group))}</select></label>
<label>Risk <select name="risk">${option("", "Any", f.risk)}${RISK_LEVELS.map((r) => option(r, r, f.risk))}</select></label>
<label>Language <select name="lang">${option("", "Any", f.lang)}${p.choices.langs.map((l) => option(l, l, f.lang))}</select></label>
<label>Shop <select name="shop">${option("", "Any", f.shop)}${p.choices.shops.map((s) => option(s.id, s.name, f.shop))}</select></label>
<button type="submit">Filter</button>
</form>
${p.demo
    ? html`<section class="demo" aria-labelledby="demo-h"><h2 id="demo-h">Demo shop (simulated TikTok Shop)</h2>
<button type="button" id="demo-send">Send a demo buyer message <kbd>n</kbd></button>
<div id="demo-replies">${renderDemoReplies(p.demo.replies)}</div></section>`
    : ""}
<main id="queue" aria-label="Queue" data-count="${p.cards.length}">
${p.cards.length ? p.cards.map(renderCard) : html`<p class="empty">Nothing in the queue for these filters.</p>`}
</main>
<details class="help"><summary>Keyboard shortcuts <kbd>?</kbd></summary>
<p><kbd>j</kbd>/<kbd>k</kbd> next/previous card · <kbd>a</kbd> approve · <kbd>e</kbd> edit · <kbd>c</kbd> claim · <kbd>x</kbd> escalate · <kbd>d</kbd> dismiss · <kbd>o</kbd> conversation · <kbd>/</kbd> filters · <kbd>Esc</kbd> cancel edit</p></details>
<script src="/board/client.js" defer></script>
</body></html>`;
}

/** The demo panel's list of replies the fake shop received, newest first. */
export function renderDemoReplies(replies: { text: string; conversationId: string; at: Date }[]): Html {
  const last = [...replies].reverse().slice(0, 10);
  return html`<h3>Replies the shop received (${replies.length})</h3>
${last.length ? html`<ol class="replies">${last.map((r) => html`<li data-reply>${time(r.at)} → conversation ${r.conversationId}: “${r.text}”</li>`)}</ol>` : html`<p>None yet: approve a card.</p>`}`;
}

/** A conversation: the item's card and every message in it, oldest first. */
export function renderConversation(
  card: BoardCard,
  history: { id: string; direction: string; text: string | null; type: string; sentAt: Date; itemId: string | null; state: string | null }[],
  csrf: string,
): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="csrf-token" content="${csrf}">
<title>Conversation · ${card.buyer} · reply-triage</title><style>${raw(BOARD_CSS)}</style></head>
<body><header class="top"><h1>Conversation with ${card.buyer}</h1><a href="/">← Board</a><span id="live" class="live" aria-live="polite"></span></header>
<main>
<ol class="history" aria-label="Messages, oldest first">
${history.map((m) => html`<li class="msg ${m.direction}"><span class="who">${m.direction === "inbound" ? card.buyer : card.shop.name}</span> ${time(m.sentAt)}${m.state ? html` <span class="badge state">${m.state}</span>` : ""}<br>${m.text ?? `[${m.type.toLowerCase()}]`}</li>`)}
</ol>
<div id="queue" data-single="1">${renderCard(card)}</div>
</main><script src="/board/client.js" defer></script></body></html>`;
}
