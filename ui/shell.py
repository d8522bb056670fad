# ruff: noqa: E501  (the page script and style sheet keep their own line lengths)
"""The app shell: what the page does around Gradio's components.

The window itself never scrolls: the sidebar's chat list and the conversation scroll on
their own and the question box stays at the bottom, as in the chat apps people know.

Gradio has no setting for some of what a person expects from a chat app, so the page
script adds it: plain-text accessible names where Gradio writes raw markup (an answer's
label held its ``<a class="cite" ...>`` links) or none (icon buttons), hidden helper boxes
kept out of the Tab order, the question box focused on load and after each answer (unless
the person has gone on to another field), and a theme that follows the system's until the
toggle picks one.

The style sheet goes into ``<head>`` as written: Gradio rewrites rules it is given as ``css``.
"""

from __future__ import annotations

# After a guide opens: bring its strongest highlight into view.
SHOW_MARK = (
    "() => setTimeout(() => { const m = document.querySelector('#guide mark.quoted')"
    " || document.querySelector('#guide mark');"
    " if (m) m.scrollIntoView({block: 'center', inline: 'nearest'}); }, 300)"
)

SHELL_STYLE = """<style>
/* ---- citation colours, light and dark (the old pale yellow under the dark theme's
   near-white text read at 1.1:1); every pair is at least 4.5:1 ---- */
.gradio-container { --cite-mark: #fde68a; --cite-mark-text: #1c1917; --cite-passage: #fef9c3;
  --cite-passage-text: #1c1917; --cite-link: #1e40af; }
body.dark .gradio-container { --cite-mark: #854d0e; --cite-mark-text: #fefce8;
  --cite-passage: #3f3a1c; --cite-passage-text: #f5f5f4; --cite-link: #93c5fd; }
/* ---- colours the theme gets wrong (axe-core's colour-contrast rule): white on its orange
   is 2.8:1, white on its red 3.8:1, its subdued grey on white 3.9:1; every pair here is at
   least 4.5:1 ---- */
.gradio-container { --button-primary-background-fill: #c2410c;
  --button-primary-background-fill-hover: #9a3412; --button-primary-text-color: #ffffff;
  --button-primary-text-color-hover: #ffffff; --button-primary-border-color: #c2410c;
  --button-primary-border-color-hover: #9a3412; --color-accent: #c2410c;
  --body-text-color-subdued: #52525b; }
.gradio-container, body.dark .gradio-container { --button-cancel-background-fill: #b91c1c;
  --button-cancel-background-fill-hover: #991b1b; --button-cancel-text-color: #ffffff;
  --button-cancel-text-color-hover: #ffffff; --button-cancel-border-color: #b91c1c;
  --button-cancel-border-color-hover: #991b1b; }
body.dark .gradio-container { --button-primary-background-fill: #c2410c;
  --button-primary-background-fill-hover: #9a3412; --button-primary-text-color: #ffffff;
  --button-primary-border-color: #c2410c; --color-accent: #fb923c;
  --body-text-color-subdued: #c4c4cc; }
#chat a.cite, #compare-table a.cite { color: var(--cite-link) !important; }
#chat a.cite:hover, #chat a.cite:focus, #chat a.cite.active,
#compare-table a.cite:hover, #compare-table a.cite:focus {
  background: var(--cite-mark) !important; color: var(--cite-mark-text) !important; }
/* A citation of a guide removed from the library: not a link (there is nothing to open),
   but plainly a citation, in both themes; its popover says the guide was removed. */
.gradio-container { --cite-removed: #57534e; }
body.dark .gradio-container { --cite-removed: #d6d3d1; }
#chat .cite-removed { color: var(--cite-removed) !important; font-weight: 600; cursor: help;
  padding: 0 1px; border-radius: 3px; text-decoration: underline dotted 1px;
  text-underline-offset: 3px; }
#chat .cite-removed:hover, #chat .cite-removed:focus, #chat .cite-removed.active {
  background: var(--cite-mark) !important; color: var(--cite-mark-text) !important; }
#guide mark.cited { background: var(--cite-passage) !important;
  color: var(--cite-passage-text) !important; padding: 0 2px; }
#guide mark.quoted { background: var(--cite-mark) !important;
  color: var(--cite-mark-text) !important; padding: 0 1px; font-weight: 600; }
#compare-guide mark.cited { background: var(--cite-passage) !important;
  color: var(--cite-passage-text) !important; padding: 0 2px; }
#compare-guide mark.quoted { background: var(--cite-mark) !important;
  color: var(--cite-mark-text) !important; padding: 0 1px; font-weight: 600; }
#compare-guide-view { overflow-x: hidden; }
#compare-guide table { display: block; overflow-x: auto; max-width: 100%; }
/* The citation popover: guide, section, the quoted sentence, a link to open the guide. */
#cite-pop { position: fixed; z-index: 1000; max-width: min(26rem, 92vw); padding: 10px 12px;
  border-radius: 8px; font-size: 0.9rem; line-height: 1.4;
  background: var(--background-fill-primary, #fff); color: var(--body-text-color, #111);
  border: 1px solid var(--border-color-primary, #ccc); box-shadow: 0 6px 24px rgba(0,0,0,.25); }
#cite-pop[hidden] { display: none; }
#cite-pop .where { font-weight: 700; margin-bottom: 4px; }
#cite-pop blockquote { margin: 0 0 8px; padding-left: 8px;
  border-left: 3px solid var(--cite-mark); }
#cite-pop button { font: inherit; color: var(--cite-link); background: none; border: 0;
  padding: 0; text-decoration: underline; cursor: pointer; }
#app-head { align-items: center; gap: 8px; flex-wrap: nowrap; }
#app-title { flex: 1 1 auto; min-width: 0; }
#theme-toggle { flex: 0 0 auto !important; min-width: 0 !important; width: auto !important; }
/* ---- visible focus everywhere (Gradio's own ring is a faint shadow) ---- */
.gradio-container :focus-visible {
  outline: 3px solid var(--shell-focus, #1d4ed8) !important; outline-offset: 2px; }
.gradio-container { --shell-focus: #1d4ed8; }
body.dark .gradio-container { --shell-focus: #93c5fd; }
/* Gradio's trash icon (it empties the view, the chat stays saved): "New chat" says what
   it does, and "Delete this chat" in the sidebar deletes. */
#chat button[aria-label="Clear"] { display: none !important; }
#chat .thought-group [role=button] button { pointer-events: none; }
/* Stop while nothing is being answered: plainly not a button to press. */
#stop:disabled { opacity: .5; cursor: default; }
/* ---- the shell: one screen; only the chat list, the conversation and the tab panels
   scroll, each on its own ---- */
html, body { height: 100%; overflow: hidden !important; }
body { margin: 0; }
.gradio-container { height: 100dvh !important; max-height: 100dvh; min-height: 0 !important;
  padding-top: 0 !important; padding-bottom: 0 !important; }
.gradio-container .main, .gradio-container .wrap.sidebar-parent, .gradio-container main.contain {
  flex: 1 1 0% !important; min-height: 0 !important; padding-top: 0 !important;
  padding-bottom: 0 !important; }
.gradio-container main.contain > .column { flex: 1 1 0% !important; min-height: 0 !important;
  gap: 4px; }
.gradio-container .tabs { display: flex !important; flex-direction: column; flex: 1 1 0%;
  min-height: 0; }
.gradio-container .tabs > .tabitem { flex: 1 1 0%; min-height: 0; overflow-y: auto;
  padding-bottom: 8px; }
.gradio-container .tabs > .tabitem:has(#chat) { overflow: hidden; padding-bottom: 0; }
.tabitem:has(#chat) > .column, .tabitem:has(#chat) > .column > .row:has(#chat) {
  flex: 1 1 0% !important; min-height: 0 !important; }
.row:has(#chat) { align-items: stretch !important; }
.row:has(#chat) > .column { max-height: 100%; min-height: 0 !important; }
.row:has(#chat) > .column:has(#chat) { display: flex; flex-direction: column; }
#chat { flex: 1 1 0% !important; min-height: 0 !important; height: auto !important; }
#chat > .wrapper { display: flex; flex-direction: column; height: 100%; min-height: 0; }
/* The chat's toolbar (New chat, its label) is a row above the messages, not over them:
   the messages scroll in their own box now, under an overlaid toolbar they hid. */
#chat .top-panel { position: static !important; align-self: flex-end; flex: 0 0 auto; }
#chat .bubble-wrap { flex: 1 1 0%; min-height: 0; height: 100% !important;
  overflow-y: auto; overscroll-behavior: contain; }
#guide-view { overflow-y: auto; overflow-x: hidden; max-height: 100%; }
#guide table { display: block; overflow-x: auto; max-width: 100%; }
#guide { max-height: none !important; }
#app-head h1 { font-size: 1.35rem; margin: 6px 0 0; }
#app-head p { margin: 0; font-size: 0.9em; }
/* Examples only while the chat is empty, as in the apps people know. */
#chat:has(.message-row) ~ #try, #chat:has(.message-row) ~ #examples { display: none !important; }

/* ---- the chat list ---- */
#sidebar .sidebar-content { display: flex; flex-direction: column; overflow: hidden !important;
  height: 100%; box-sizing: border-box; }
#sidebar .sidebar-content > .column { flex: 1 1 0%; min-height: 0; display: flex;
  flex-direction: column; }
#chat-list-box { flex: 1 1 0% !important; min-height: 0 !important;
  overflow-y: auto !important; overscroll-behavior: contain; }
#chat-list .chat-group { font-size: 0.78em; font-weight: 700; text-transform: uppercase;
  letter-spacing: .04em; color: var(--body-text-color-subdued); margin: 10px 4px 4px; }
#chat-list .chat-item { padding: 6px 8px; border-radius: 6px; cursor: pointer;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#chat-list .chat-item:hover { background: var(--background-fill-secondary); }
#chat-list .chat-item[aria-selected=true] { background: var(--background-fill-secondary);
  font-weight: 600; box-shadow: inset 3px 0 0 var(--button-primary-background-fill); }
#chat-list-empty { color: var(--body-text-color-subdued); margin: 8px 4px; }
/* ---- the "This chat" panel's download link (``ui.downloads``): the theme's link blue on
   the dark sidebar read 4.0:1. Greyed out, not a link, until the chat has a message, yet
   still readable: every pair at least 4.5:1 on the sidebar, light and dark ---- */
.gradio-container { --export-link: #1d4ed8; --export-off: #52525b; }
body.dark .gradio-container { --export-link: #93c5fd; --export-off: #a1a1aa; }
#export.export { color: var(--export-link) !important; text-decoration: underline;
  text-underline-offset: 2px; }
#export.export.disabled { color: var(--export-off) !important; text-decoration: none;
  cursor: not-allowed; }
/* ---- wide tables say they scroll: a shade on the side there is more of, and a line that
   stays put while the table moves under it ---- */
table.scrolls {
  background: linear-gradient(to right, var(--background-fill-primary) 30%, transparent),
    linear-gradient(to left, var(--background-fill-primary) 30%, transparent) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.28), transparent),
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.28), transparent) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }
table.scrolls td, table.scrolls th { background-color: transparent !important; }
table.scrolls::before { content: "Scroll sideways for more →"; display: block;
  position: sticky; left: 0; width: max-content; font-size: 0.8em; font-weight: 600;
  padding: 2px 4px 4px; color: var(--body-text-color); }
/* ---- a comparison on a phone: one card per aspect, folded, so the first screen shows
   what the answer says above them (the verdict); a tap on an aspect unfolds it ---- */
@media (max-width: 640px) {
  table.cards, table.cards thead, table.cards tbody, table.cards tr, table.cards td,
  table.cards th { display: block !important; width: auto !important; min-width: 0 !important;
    max-width: none !important; }
  table.cards { overflow: visible !important; border: 0 !important; background: none !important;
    padding: 0 !important; }
  table.cards tr, table.cards td { margin: 0 !important; }
  table.cards thead { display: none !important; }
  table.cards tbody tr { border: 1px solid var(--border-color-primary) !important;
    border-radius: 8px; margin: 0 0 6px !important; padding: 0 !important;
    background: var(--background-fill-primary) !important; }
  table.cards tbody tr > td:first-child { padding: 0 !important; border: 0 !important; }
  table.cards .card-toggle { display: flex; width: 100%; min-height: 44px; align-items: center;
    justify-content: space-between; gap: 8px; padding: 8px 12px; border: 0; background: none;
    font: inherit; font-weight: 700; text-align: left; color: var(--body-text-color);
    cursor: pointer; }
  table.cards .card-toggle::after { content: "▸" / ""; }
  table.cards tr.open .card-toggle::after { content: "▾" / ""; }
  table.cards tbody tr > td:not(:first-child) { display: none !important; border: 0 !important;
    padding: 4px 12px 10px !important; }
  table.cards tbody tr.open > td:not(:first-child) { display: block !important; }
  table.cards td[data-label]::before { content: attr(data-label); display: block;
    font-weight: 700; font-size: 0.85em; color: var(--body-text-color); margin-top: 4px; }
  #app-head p { display: none; }
  /* The examples are one row that scrolls sideways: stacked, they pushed the box down. */
  #examples { flex-wrap: nowrap !important; overflow-x: auto; }
  #examples button { flex: 0 0 78% !important; }
}
</style>"""


SHELL_SCRIPT = r"""
() => {
  const $ = (s, r = document) => r.querySelector(s);
  // A touch screen's keyboard would cover the chat if the box took focus by itself.
  const coarse = matchMedia('(pointer: coarse)').matches;
  const focusQuestion = () => { if (!coarse) $('#question textarea')?.focus({preventScroll: true}); };
  // An answer ending moves the keys to the question box only from where asking happens (the
  // box, Ask, Stop, a chip or example) or from nowhere (Stop greyed out under the keyboard
  // drops the focus to the page): a person gone on to another field meanwhile, typing a
  // title in the sidebar, keeps typing there.
  const focusAfterAnswer = () => {
    const at = document.activeElement;
    if (!at || at === document.body || at.closest('#composer, #chat, #examples, #try')) focusQuestion();
  };

  // Attributes are only written when they change: the observer below sees every write.
  const set = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  const REGENERATE_HINT = 'Ask the last question again: the new answer replaces the last one, in this chat and in your saved chats';
  const EDIT_HINT = 'Edit this question and ask it again: the answers after it are replaced, in this chat and in your saved chats';
  let lastReplies = null;
  const tidy = () => {
    // An answer's label is its raw markdown and HTML; without it, the text itself is read.
    for (const m of document.querySelectorAll('#chat [data-testid=bot][aria-label], #chat [data-testid=user][aria-label]'))
      m.removeAttribute('aria-label');
    for (const b of document.querySelectorAll('button')) {
      if (b.innerText.trim() || (b.getAttribute('aria-label') || '').trim()) continue;
      const label = b.title || (b.closest('.thought-group') ? 'Show or hide the sources'
        : b.closest('.message-row') ? 'Show or hide' : 'Menu');
      set(b, 'aria-label', label);
    }
    // A sources panel's title is Gradio's button (a div with role=button) holding another,
    // the arrow: one control inside another confuses screen readers and keyboards. The
    // arrow is drawn only (disabled, clicks pass through to the title).
    for (const arrow of document.querySelectorAll('#chat .thought-group [role=button] button')) {
      if (!arrow.disabled) arrow.disabled = true;
      set(arrow, 'aria-hidden', 'true');
    }
    // A removed guide's citation: its popover is reached from the keyboard as a link's is.
    for (const gone of document.querySelectorAll('#chat .cite-removed')) set(gone, 'tabindex', '0');
    // The guide a citation opens scrolls in its own box: keyboard users scroll it too.
    for (const box of document.querySelectorAll('#guide, #compare-guide')) {
      set(box, 'tabindex', '0'); set(box, 'role', 'region'); set(box, 'aria-label', 'The cited guide');
    }
    const regenerate = $('#retry');
    if (regenerate) set(regenerate, 'title', REGENERATE_HINT);
    for (const b of document.querySelectorAll('#chat button[aria-label=Edit]')) set(b, 'title', EDIT_HINT);
    const toggle = $('#sidebar .toggle-button');
    if (toggle) set(toggle, 'aria-label', $('#sidebar.open') ? 'Hide your chats' : 'Show your chats');
    // The boxes the page script writes to are not for people: no Tab stop, not announced.
    for (const box of document.querySelectorAll('.offscreen')) {
      set(box, 'aria-hidden', 'true');
      for (const f of box.querySelectorAll('textarea, input, button')) set(f, 'tabindex', '-1');
    }
    tables();
    // After each answer the box is ready for the next question.
    const replies = $('#replies');
    if (replies) {
      if (lastReplies !== null && replies.textContent !== lastReplies) { focusAfterAnswer(); window.careerbotScrollEnd(); }
      lastReplies = replies.textContent;
    }
  };
  // ---- tables: on a phone a comparison folds into one card per aspect, each cell labelled
  // with its role (the table's head), so the verdict above it is on the first screen; a
  // table wider than its box shows that it scrolls and can be scrolled from the keyboard ----
  const CARDS = '#chat table, #compare-table table';
  const WIDE = `${CARDS}, #guide table, #compare-guide table`;
  const classed = (el, name, on) => { if (el.classList.contains(name) !== on) el.classList.toggle(name, on); };
  // The cards a person opened, by answer, table and aspect: Gradio draws an answer's table
  // anew as the answer streams and when it is finished, and a drawn table starts folded.
  const opened = new Set();
  const cardKey = (t, heads, tr) => {
    const bot = t.closest('[data-testid=bot]');
    const where = bot ? [...document.querySelectorAll('#chat [data-testid=bot]')].indexOf(bot) : 'compare';
    return `${where}\t${heads.join('\t')}\t${(tr.children[0]?.textContent || '').trim()}`;
  };
  const fold = (t, heads, rows) => {
    classed(t, 'cards', true);
    for (const tr of rows) {
      const cells = [...tr.children];
      cells.forEach((td, i) => { if (i && heads[i]) set(td, 'data-label', heads[i]); });
      const head = cells[0];
      if (!head) continue;
      let toggle = head.querySelector(':scope > .card-toggle');
      if (!toggle) {
        toggle = document.createElement('button');
        toggle.type = 'button'; toggle.className = 'card-toggle';
        toggle.append(...head.childNodes);
        head.append(toggle);
      }
      classed(tr, 'open', opened.has(cardKey(t, heads, tr)));
      set(toggle, 'aria-expanded', String(tr.classList.contains('open')));
    }
  };
  const unfold = (t) => {
    classed(t, 'cards', false);
    for (const toggle of t.querySelectorAll('.card-toggle')) toggle.replaceWith(...toggle.childNodes);
  };
  const tables = () => {
    const phone = innerWidth <= 640;
    for (const t of document.querySelectorAll(CARDS)) {
      const heads = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
      const rows = [...t.querySelectorAll('tbody tr')];
      if (phone && heads.length >= 3 && rows.length >= 2) fold(t, heads, rows);
      else if (t.classList.contains('cards')) unfold(t);
    }
    for (const t of document.querySelectorAll(WIDE)) {
      const wide = !t.classList.contains('cards') && t.scrollWidth > t.clientWidth + 1;
      classed(t, 'scrolls', wide);
      if (wide) set(t, 'tabindex', '0'); else if (t.hasAttribute('tabindex')) t.removeAttribute('tabindex');
    }
  };
  document.addEventListener('click', (e) => {
    const toggle = e.target.closest && e.target.closest('table.cards .card-toggle');
    if (!toggle) return;
    const tr = toggle.closest('tr');
    const t = tr.closest('table');
    const key = cardKey(t, [...t.querySelectorAll('thead th')].map(th => th.innerText.trim()), tr);
    if (opened.has(key)) opened.delete(key); else opened.add(key);
    tr.classList.toggle('open', opened.has(key));
    toggle.setAttribute('aria-expanded', String(tr.classList.contains('open')));
  });
  addEventListener('resize', () => soon());
  // A new chat is for typing into.
  document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('#new-chat, #chat button[aria-label="New chat"]')) { opened.clear(); setTimeout(focusQuestion, 50); }
  });
  let queued = false;
  const soon = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; tidy(); }); } };
  new MutationObserver(soon).observe(document.body, {subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['aria-label', 'class']});

  // ---- the conversation: opening a chat shows its latest turn ----
  const scrollEnd = () => { const w = $('#chat .bubble-wrap'); if (w) w.scrollTop = w.scrollHeight; };
  window.careerbotScrollEnd = () => { scrollEnd(); setTimeout(scrollEnd, 120); setTimeout(scrollEnd, 400); };

  // ---- the chat list: one Tab stop, arrows inside, Enter or click opens ----
  const pick = (item) => {
    const box = $('#chat-pick textarea');
    if (!box || !item) return;
    opened.clear();  // another chat: its answers are other answers
    box.value = `${item.dataset.chat}:${Date.now()}`;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    if (innerWidth < 900) $('#sidebar.open .toggle-button')?.click();
  };
  document.addEventListener('click', (e) => {
    const item = e.target.closest && e.target.closest('#chat-list .chat-item');
    if (item) pick(item);
  });
  document.addEventListener('keydown', (e) => {
    const item = e.target.closest && e.target.closest('#chat-list .chat-item');
    if (!item) return;
    const items = [...document.querySelectorAll('#chat-list .chat-item')];
    let i = items.indexOf(item);
    if (e.key === 'ArrowDown') i = Math.min(items.length - 1, i + 1);
    else if (e.key === 'ArrowUp') i = Math.max(0, i - 1);
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = items.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(item); return; }
    else return;
    e.preventDefault();
    for (const it of items) it.setAttribute('tabindex', '-1');
    items[i].setAttribute('tabindex', '0');
    items[i].focus();
  });

  // ---- the citation popover: hover, focus and tap ----
  const pop = document.createElement('div');
  pop.id = 'cite-pop'; pop.setAttribute('role', 'tooltip'); pop.hidden = true;
  document.body.appendChild(pop);
  let current = null, hideTimer = null;
  // The hint rides in the link's title (Gradio's sanitizer drops data attributes); it is
  // moved out so the browser's own tooltip does not cover the popover.
  const hintOf = (a) => {
    if (a.hasAttribute('title')) { a.dataset.hint = a.getAttribute('title'); a.removeAttribute('title'); }
    return a.dataset.hint || '';
  };
  const openCite = (a) => {
    const href = a.getAttribute('href') || '';
    const compare = href.startsWith('#cmp-');
    const box = $(compare ? '#compare-cite-key textarea' : '#cite-key textarea');
    if (!box) return;
    box.value = `${href.replace(/^#(cite|cmp)-/, '').split('-').join(':')}:${Date.now()}`;
    box.dispatchEvent(new Event('input', {bubbles: true}));
  };
  const hide = (now) => {
    clearTimeout(hideTimer);
    const go = () => { pop.hidden = true; current?.classList.remove('active'); current = null; };
    if (now) go(); else hideTimer = setTimeout(go, 250);
  };
  const show = (a) => {
    clearTimeout(hideTimer);
    const hint = hintOf(a);
    if (!hint) return;
    const [where, ...rest] = hint.split(' \u2016 ');
    const quote = rest.join(' ');
    pop.replaceChildren();
    const w = document.createElement('div'); w.className = 'where'; w.textContent = where;
    pop.appendChild(w);
    if (quote) { const q = document.createElement('blockquote'); q.textContent = quote; pop.appendChild(q); }
    if (!a.classList.contains('cite-removed')) {  // a removed guide has nothing to open
      const open = document.createElement('button'); open.type = 'button'; open.textContent = 'Open the guide';
      open.addEventListener('click', () => { hide(true); openCite(a); });
      pop.appendChild(open);
    }
    a.setAttribute('aria-describedby', 'cite-pop');
    pop.hidden = false;
    const r = a.getBoundingClientRect(), p = pop.getBoundingClientRect();
    const below = r.bottom + 6 + p.height < innerHeight;
    pop.style.top = `${below ? r.bottom + 6 : Math.max(4, r.top - 6 - p.height)}px`;
    pop.style.left = `${Math.max(4, Math.min(r.left, innerWidth - p.width - 4))}px`;
    current?.classList.remove('active'); current = a; a.classList.add('active');
  };
  // What the last press was made with: a tap's click does not always say so itself.
  let lastPointer = 'mouse';
  document.addEventListener('pointerdown', (e) => { lastPointer = e.pointerType; }, true);
  document.addEventListener('touchstart', () => { lastPointer = 'touch'; }, {capture: true, passive: true});
  document.addEventListener('keydown', () => { lastPointer = 'keyboard'; }, true);
  const citeOf = (t) => t.closest && t.closest('#chat a.cite, #compare-table a.cite, #chat .cite-removed');
  document.addEventListener('pointerover', (e) => { const a = citeOf(e.target);
    if (a && e.pointerType === 'touch') return;  // a tap: the click below decides
    if (a) show(a);
    else if (e.target.closest && e.target.closest('#cite-pop')) clearTimeout(hideTimer); });
  document.addEventListener('pointerout', (e) => { if (citeOf(e.target) || (e.target.closest && e.target.closest('#cite-pop'))) hide(false); });
  document.addEventListener('focusin', (e) => { const a = citeOf(e.target);
    if (a && lastPointer === 'touch') return;  // focus from a tap: the click decides
    if (a) show(a);
    else if (!(e.target.closest && e.target.closest('#cite-pop'))) hide(true); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !pop.hidden) { const a = current; hide(true); a?.focus(); } });
  document.addEventListener('click', (e) => {
    const a = citeOf(e.target);
    if (!a) { if (!(e.target.closest && e.target.closest('#cite-pop'))) hide(true); return; }
    e.preventDefault(); e.stopPropagation();
    // A tap shows the popover first (a touch screen has no hover); a click opens the guide.
    if (a.classList.contains('cite-removed')) { show(a); return; }
    if ((e.pointerType || lastPointer) === 'touch' && current !== a) { show(a); return; }
    hide(true); openCite(a);
  }, true);

  // ---- theme: the system's, until the toggle says otherwise (remembered per browser) ----
  const applyTheme = (dark) => {
    document.body.classList.toggle('dark', dark);
    const b = $('#theme-toggle');
    if (b) {
      const label = dark ? 'Light mode' : 'Dark mode';
      if (b.textContent.trim() !== label) b.textContent = label;
      set(b, 'aria-pressed', String(dark));
    }
  };
  const system = matchMedia('(prefers-color-scheme: dark)');
  const chosenTheme = () => localStorage.getItem('careerbot-theme');
  const follow = () => applyTheme(chosenTheme() ? chosenTheme() === 'dark' : system.matches);
  window.careerbotToggleTheme = () => {
    const dark = !document.body.classList.contains('dark');
    localStorage.setItem('careerbot-theme', dark ? 'dark' : 'light');
    applyTheme(dark);
  };
  system.addEventListener('change', () => { if (!chosenTheme()) follow(); });

  let tries = 0;
  const start = () => {
    if (!$('#question textarea') || !$('#theme-toggle')) { if (tries++ < 100) setTimeout(start, 100); return; }
    follow(); tidy(); focusQuestion();
  };
  start();
}
"""
