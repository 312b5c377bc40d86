/**
 * The board's small hand-written client (served as /board/client.js, no build step): live
 * updates over SSE (each changed item's card is fetched again and replaced in place), actions
 * posted with the session's CSRF token, inline editing and keyboard shortcuts. Works without it
 * for reading: every page is complete server-rendered HTML.
 */
export const BOARD_CLIENT_JS = String.raw`(() => {
"use strict";
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
const queue = document.getElementById("queue");
const live = document.getElementById("live");
const single = queue?.dataset.single === "1";
const filters = single ? "state=all" : location.search.slice(1);
const say = (el, text) => { if (el) el.textContent = text; };

async function refresh(id, version) {
  const el = document.getElementById("item-" + id);
  if (el && Number(el.dataset.version) >= version) return;
  if (single && !el) return;
  if (el && el.querySelector("form[data-edit]:not([hidden])")) { el.dataset.pending = String(version); return; }
  // A card already shown stays and shows its outcome (sent, dismissed…) until the next reload;
  // only new cards are held to the filters.
  const query = el ? "state=all" : filters;
  const res = await fetch("/board/cards/" + encodeURIComponent(id) + "?" + query, { headers: { accept: "text/html" } });
  if (res.status === 204) { el?.remove(); return; }
  if (!res.ok) return;
  const tpl = document.createElement("template");
  tpl.innerHTML = (await res.text()).trim();
  const card = tpl.content.firstElementChild;
  if (!card) return;
  const now = document.getElementById("item-" + id);
  if (now && Number(now.dataset.version) >= Number(card.dataset.version)) return;
  // The editor may have opened while the fragment was loading: never replace what is being typed.
  if (now && now.querySelector("form[data-edit]:not([hidden])")) { now.dataset.pending = card.dataset.version; return; }
  const hadFocus = now && now.contains(document.activeElement);
  if (now) {
    // Keep the answer to this user's last click visible across the re-render.
    const said = now.querySelector(".status")?.textContent;
    if (said) say(card.querySelector(".status"), said);
    now.replaceWith(card);
  }
  else { queue.querySelector(".empty")?.remove(); queue.prepend(card); card.classList.add("fresh"); say(live, "New message: " + (card.querySelector("h2")?.textContent ?? "")); }
  if (hadFocus) card.focus();
}

async function refreshDemo() {
  const box = document.getElementById("demo-replies");
  if (!box) return;
  const res = await fetch("/board/demo/replies");
  if (res.ok) box.innerHTML = await res.text();
}

function connect() {
  const es = new EventSource("/api/board/events");
  es.addEventListener("open", () => say(live, "live"));
  es.addEventListener("error", () => say(live, "reconnecting…"));
  es.addEventListener("items", (e) => {
    for (const { id, version } of JSON.parse(e.data)) refresh(id, version).catch(() => {});
    refreshDemo().catch(() => {});
  });
  es.addEventListener("notice", (e) => say(live, JSON.parse(e.data).text));
}

async function act(card, action, extra) {
  const status = card.querySelector(".status");
  say(status, "…");
  card.querySelectorAll("button").forEach((b) => (b.disabled = true));
  try {
    const res = await fetch("/api/board/items/" + encodeURIComponent(card.dataset.item) + "/actions", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ action, ...extra }),
    });
    const body = await res.json().catch(() => ({}));
    // A live update may have replaced the card while the request was out: answer on the current one.
    const current = document.getElementById("item-" + card.dataset.item)?.querySelector(".status") ?? status;
    say(current, body.message ?? (res.ok ? "Done." : "Refused."));
    return res.ok;
  } finally {
    card.querySelectorAll("button").forEach((b) => (b.disabled = false));
    refresh(card.dataset.item, Number(card.dataset.version) + 1).catch(() => {});
  }
}

async function openEditor(card) {
  const res = await fetch("/api/board/items/" + encodeURIComponent(card.dataset.item) + "/editor");
  const body = await res.json().catch(() => ({}));
  if (!res.ok) { say(card.querySelector(".status"), body.message ?? "Cannot edit."); return; }
  const form = card.querySelector("form[data-edit]");
  form.hidden = false;
  const ta = form.querySelector("textarea");
  ta.focus();
  ta.setSelectionRange(ta.value.length, ta.value.length);
}

function closeEditor(card) {
  const form = card.querySelector("form[data-edit]");
  if (form) form.hidden = true;
  card.focus();
  if (card.dataset.pending) refresh(card.dataset.item, Number(card.dataset.pending)).catch(() => {});
}

document.addEventListener("click", (e) => {
  const btn = e.target.closest("button");
  if (!btn) return;
  if (btn.id === "demo-send") { fetch("/api/board/demo/messages", { method: "POST", headers: { "x-csrf-token": csrf } }); return; }
  const card = btn.closest("article.card");
  if (!card) return;
  if (btn.hasAttribute("data-cancel")) return closeEditor(card);
  const action = btn.dataset.action;
  if (!action) return;
  if (action === "edit") return void openEditor(card);
  if (action === "reclassify") return void act(card, action, { intent: card.querySelector("select[name=intent]").value });
  if (action === "dismiss" && !confirm("Dismiss this message without replying?")) return;
  void act(card, action, {});
});

document.addEventListener("submit", (e) => {
  const form = e.target.closest("form[data-edit]");
  if (!form) return;
  e.preventDefault();
  const card = form.closest("article.card");
  const text = form.querySelector("textarea").value;
  form.hidden = true;
  void act(card, "edit", { text });
});

const KEYS = { a: "approve", e: "edit", c: "claim", x: "escalate", d: "dismiss" };
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (e.key === "Escape") { const c = t.closest?.("article.card"); if (c) closeEditor(c); return; }
  if (t.matches?.("input, textarea, select")) return;
  const cards = [...document.querySelectorAll("article.card")];
  const current = t.closest?.("article.card");
  if (e.key === "j" || e.key === "k") {
    const i = cards.indexOf(current);
    const next = cards[e.key === "j" ? Math.min(cards.length - 1, i + 1) : Math.max(0, i - 1)];
    next?.focus(); next?.scrollIntoView({ block: "nearest" }); e.preventDefault(); return;
  }
  if (e.key === "/") { document.querySelector(".filters select")?.focus(); e.preventDefault(); return; }
  if (e.key === "?") { const d = document.querySelector("details.help"); if (d) d.open = !d.open; return; }
  if (e.key === "n") { document.getElementById("demo-send")?.click(); return; }
  if (!current) return;
  if (e.key === "o") { location.href = current.querySelector("a.history").href; return; }
  const action = KEYS[e.key];
  const btn = action && current.querySelector('button[data-action="' + action + '"]');
  if (btn) { e.preventDefault(); btn.click(); }
});

if (queue) connect();
})();
`;
