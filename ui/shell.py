# ruff: noqa: E501  (the page script and style sheet keep their own line lengths)
"""The app shell: how the page is laid out and behaves around Gradio's components.

The window itself never scrolls: the sidebar's chat list and the conversation scroll on
their own, and the question box stays at the bottom. The page script adds what Gradio has
no component for: the chat list's keys (one Tab stop, arrows inside), the citation
popover, the theme toggle, focus after each answer, and plain-text accessible names where
Gradio writes raw markup into them.

The rules sit in ``<head>`` as written: Gradio rewrites rules it is given as ``css``.
"""

from __future__ import annotations

# After a guide opens: bring its strongest highlight into view.
SHOW_MARK = (
    "() => setTimeout(() => { const m = document.querySelector('#guide mark.quoted')"
    " || document.querySelector('#guide mark');"
    " if (m) m.scrollIntoView({block: 'center', inline: 'nearest'}); }, 300)"
)

SHELL_STYLE = """<style>
/* ---- colours the theme gets wrong: white on orange is 2.8:1 ---- */
.gradio-container, body.dark .gradio-container {
  --button-primary-background-fill: #c2410c; --button-primary-background-fill-hover: #9a3412;
  --button-primary-text-color: #ffffff; --button-primary-text-color-hover: #ffffff;
  --button-cancel-background-fill: #b91c1c; --button-cancel-background-fill-hover: #991b1b;
  --button-cancel-text-color: #ffffff; --button-cancel-text-color-hover: #ffffff;
  --checkbox-background-color-selected: #c2410c; --color-accent: #c2410c;
  --link-text-color: #1d4ed8; --link-text-color-hover: #1e40af;
  --cite-mark: #fde68a; --cite-mark-text: #1c1917; --cite-passage: #fef9c3;
  --cite-passage-text: inherit; --cite-link: #1e40af; --cite-focus: #1d4ed8;
}
body.dark .gradio-container {
  --link-text-color: #93c5fd; --link-text-color-hover: #bfdbfe;
  --cite-mark: #854d0e; --cite-mark-text: #fefce8; --cite-passage: #3f3a1c;
  --cite-passage-text: #f5f5f4; --cite-link: #93c5fd; --cite-focus: #93c5fd;
  --color-accent: #fb923c; --checkbox-background-color-selected: #c2410c;
  --body-text-color-subdued: #c4c4cc; --block-label-text-color: #d4d4d8;
  --block-info-text-color: #d4d4d8; --input-placeholder-color: #a1a1aa;
}
.gradio-container { --input-placeholder-color: #6b6b73; --body-text-color-subdued: #52525b;
  --block-info-text-color: #52525b; }
.gradio-container .show-api, .gradio-container footer a, .gradio-container footer button {
  color: var(--body-text-color) !important; }
.gradio-container footer { display: none !important; }

/* ---- the shell: one screen, nothing but the lists scrolls ---- */
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
#chat .bubble-wrap { flex: 1 1 0%; min-height: 0; height: 100% !important;
  overflow-y: auto; overscroll-behavior: contain; }
#guide-view, #compare-guide-view { overflow-y: auto; overflow-x: hidden; max-height: 100%; }
#guide table, #compare-guide table { display: block; overflow-x: auto; max-width: 100%; }
#guide { max-height: none !important; }
#app-head { align-items: center; gap: 8px; flex-wrap: nowrap; }
#app-head h1 { font-size: 1.35rem; margin: 6px 0 0; }
#app-head p { margin: 0; font-size: 0.9em; }
#app-title { flex: 1 1 auto; min-width: 0; }
#theme-toggle { flex: 0 0 auto !important; min-width: 0 !important; width: auto !important; }
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

#stop.idle { opacity: .45; background: var(--button-secondary-background-fill) !important;
  color: var(--button-secondary-text-color) !important; cursor: default; }

/* ---- visible focus everywhere ---- */
.gradio-container :focus-visible, #cite-pop :focus-visible {
  outline: 3px solid var(--cite-focus) !important; outline-offset: 2px; }

/* ---- citations ---- */
#chat a.cite, #compare-table a.cite { color: var(--cite-link) !important; }
#chat a.cite:hover, #chat a.cite:focus, #chat a.cite.active,
#compare-table a.cite:hover, #compare-table a.cite:focus {
  background: var(--cite-mark) !important; color: var(--cite-mark-text) !important; }
#guide mark.cited { background: var(--cite-passage); color: var(--cite-passage-text);
  padding: 0 2px; }
#guide mark.quoted { background: var(--cite-mark); color: var(--cite-mark-text);
  padding: 0 1px; font-weight: 600; border-radius: 2px; }
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

/* ---- wide tables say they scroll ---- */
/* A shadow at the edge that has more to scroll to (the classic "local" background trick). */
table.scrolls {
  background: linear-gradient(to right, var(--block-background-fill) 30%, transparent),
    linear-gradient(to left, var(--block-background-fill) 30%, transparent) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.3), transparent),
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.3), transparent) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 16px 100%, 16px 100%;
  background-attachment: local, local, scroll, scroll; }
table.scrolls td, table.scrolls th { background: transparent !important; }

@media (max-width: 640px) {
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th {
    display: block !important; width: auto !important; min-width: 0 !important;
    max-width: none !important; }
  table.cards { overflow: visible !important; border: 0 !important; }
  table.cards thead { display: none !important; }
  table.cards tbody tr { border: 1px solid var(--border-color-primary); border-radius: 8px;
    margin: 0 0 8px; padding: 0; }
  table.cards tbody tr > :first-child { font-weight: 700; cursor: pointer; padding: 8px 10px;
    border: 0 !important; }
  table.cards tbody tr > :first-child::after { content: " ▸"; }
  table.cards tbody tr.open > :first-child::after { content: " ▾"; }
  table.cards tbody tr > td:not(:first-child) { display: none !important; border: 0 !important;
    padding: 4px 10px 8px !important; }
  table.cards tbody tr.open > td:not(:first-child) { display: block !important; }
  table.cards td[data-label]::before { content: attr(data-label); display: block;
    font-weight: 600; font-size: 0.85em; color: var(--body-text-color-subdued); }
  .gradio-container .main.app { padding-left: 6px !important; padding-right: 6px !important; }
  #app-head p { display: none; }
  #chat-head { display: none !important; }
}
</style>"""


SHELL_SCRIPT = r"""
() => {
  const $ = (s, r = document) => r.querySelector(s);
  const coarse = matchMedia('(pointer: coarse)').matches;

  // ---- focus: the question box on load and after each answer ----
  const focusQuestion = () => { if (!coarse) $('#question textarea')?.focus({preventScroll: true}); };
  const scrollEnd = () => { const w = $('#chat .bubble-wrap'); if (w) w.scrollTop = w.scrollHeight; };
  window.careerbotScrollEnd = () => { scrollEnd(); setTimeout(scrollEnd, 120); setTimeout(scrollEnd, 400); };
  // ---- Stop only while an answer is coming: busy from asking until the reply count moves ----
  let busy = false;
  const setBusy = (on) => {
    busy = on;
    const stop = $('#stop');
    if (!stop) return;
    stop.disabled = !on;
    stop.setAttribute('aria-disabled', String(!on));
    stop.classList.toggle('idle', !on);
  };
  document.addEventListener('click', (e) => {
    const t = e.target.closest && e.target.closest('#ask, #retry, #examples button, #chat .option, #chat button[aria-label=Retry]');
    if (t) setBusy(true);
  }, true);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && e.target.closest && e.target.closest('#question')) setBusy(true);
  }, true);
  let lastReplies = null;
  const watchReplies = () => {
    const r = $('#replies');
    if (!r) return;
    if (lastReplies !== null && r.textContent !== lastReplies) { setBusy(false); focusQuestion(); }
    else if (lastReplies === null) setBusy(false);
    lastReplies = r.textContent;
  };

  // ---- accessible names Gradio leaves empty or fills with markup ----
  // Attributes are only written when they change: the observer below sees every write.
  const set = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  const tidy = () => {
    for (const m of document.querySelectorAll('#chat [data-testid=bot][aria-label], #chat [data-testid=user][aria-label]'))
      m.removeAttribute('aria-label');
    for (const b of document.querySelectorAll('button[aria-label=""], button:not([aria-label])')) {
      if (b.innerText.trim()) continue;
      const label = b.title || (b.closest('.thought-group, .message-row') ? 'Show or hide' : 'Menu');
      set(b, 'aria-label', label);
    }
    // The chat's own clear icon starts a new chat and keeps this one: say so.
    const clear = $('#chat button[aria-label=Clear]') || $('#chat button[data-label=new]');
    if (clear) { set(clear, 'aria-label', 'New chat (this one stays in your chats)'); set(clear, 'title', 'New chat (this one stays in your chats)'); clear.dataset.label = 'new'; }
    const t = $('#sidebar .toggle-button');
    if (t) set(t, 'aria-label', $('#sidebar.open') ? 'Hide chats' : 'Show chats');
    for (const t of document.querySelectorAll('#chat table, #compare-table table, #documents table')) {
      if (t.scrollWidth > t.clientWidth + 1) {
        set(t, 'tabindex', '0'); set(t, 'role', 'region');
        set(t, 'aria-label', 'Table (scrolls sideways)');
        if (!t.classList.contains('scrolls')) t.classList.add('scrolls');
      }
    }
    // A folded panel title is a button; the markup Gradio nests in it must not be a second stop.
    for (const el of document.querySelectorAll('#chat [role=button] [tabindex="0"], #chat [role=button] button'))
      set(el, 'tabindex', '-1');
    for (const el of document.querySelectorAll('#chat [role=button]:has(button)')) {
      el.removeAttribute('role');
    }
    cards();
    watchReplies();
  };

  // ---- phone: a comparison folds into one card per aspect, the verdict above them ----
  // Each row becomes a card titled by its aspect (a button that unfolds it), each cell
  // labelled with its role from the table's head; wide screens keep the table.
  const cards = () => {
    const phone = innerWidth < 640;
    for (const t of document.querySelectorAll('#chat table, #compare-table table')) {
      const heads = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
      const rows = [...t.querySelectorAll('tbody tr')];
      if (heads.length < 3 || rows.length < 2) continue;
      if (!phone) { if (t.classList.contains('cards')) t.classList.remove('cards'); continue; }
      if (!t.classList.contains('cards')) t.classList.add('cards');
      for (const tr of rows) {
        const cells = [...tr.children];
        cells.forEach((td, i) => { if (i && heads[i]) set(td, 'data-label', heads[i]); });
        const head = cells[0];
        if (!head) continue;
        set(head, 'role', 'button'); set(head, 'tabindex', '0');
        set(head, 'aria-expanded', tr.classList.contains('open') ? 'true' : 'false');
      }
    }
  };
  const fold = (e) => {
    const head = e.target.closest && e.target.closest('table.cards tbody tr > :first-child');
    if (!head || (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ')) return;
    if (e.target.closest('a.cite')) return;
    e.preventDefault();
    const tr = head.parentElement;
    tr.classList.toggle('open');
    head.setAttribute('aria-expanded', String(tr.classList.contains('open')));
  };
  document.addEventListener('click', fold);
  document.addEventListener('keydown', fold);
  addEventListener('resize', () => soon());
  let queued = false;
  const soon = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; tidy(); }); } };
  new MutationObserver(soon).observe(document.body, {subtree: true, childList: true, attributes: true,
    attributeFilter: ['aria-label', 'class']});

  // ---- the chat list: one Tab stop, arrows inside, Enter or click opens ----
  const pick = (item) => {
    const box = $('#chat-pick textarea');
    if (!box || !item) return;
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

  // ---- theme: the system's, until the toggle says otherwise ----
  const applyTheme = (dark) => {
    document.body.classList.toggle('dark', dark);
    const b = $('#theme-toggle');
    if (b) { b.textContent = dark ? 'Light mode' : 'Dark mode'; b.setAttribute('aria-pressed', String(dark)); }
  };
  window.careerbotToggleTheme = () => {
    const dark = !document.body.classList.contains('dark');
    localStorage.setItem('careerbot-theme', dark ? 'dark' : 'light');
    applyTheme(dark);
  };
  const stored = localStorage.getItem('careerbot-theme');
  const system = matchMedia('(prefers-color-scheme: dark)');
  const follow = () => applyTheme(stored ? stored === 'dark' : system.matches);
  system.addEventListener('change', () => { if (!localStorage.getItem('careerbot-theme')) applyTheme(system.matches); });

  // ---- the citation popover: hover, focus and tap ----
  const pop = document.createElement('div');
  pop.id = 'cite-pop'; pop.setAttribute('role', 'tooltip'); pop.hidden = true;
  document.body.appendChild(pop);
  let current = null, hideTimer = null;
  const hintOf = (a) => {
    if (a.hasAttribute('title')) { a.dataset.hint = a.getAttribute('title'); a.removeAttribute('title'); }
    return a.dataset.hint || '';
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
    const open = document.createElement('button'); open.type = 'button'; open.textContent = 'Open the guide';
    open.addEventListener('click', () => { hide(true); openCite(a); });
    pop.appendChild(open);
    a.setAttribute('aria-describedby', 'cite-pop');
    pop.hidden = false;
    const r = a.getBoundingClientRect(), p = pop.getBoundingClientRect();
    const below = r.bottom + 6 + p.height < innerHeight;
    pop.style.top = `${below ? r.bottom + 6 : Math.max(4, r.top - 6 - p.height)}px`;
    pop.style.left = `${Math.max(4, Math.min(r.left, innerWidth - p.width - 4))}px`;
    current?.classList.remove('active'); current = a; a.classList.add('active');
  };
  const hide = (now) => {
    clearTimeout(hideTimer);
    const go = () => { pop.hidden = true; current?.classList.remove('active'); current = null; };
    if (now) go(); else hideTimer = setTimeout(go, 250);
  };
  const openCite = (a) => {
    const href = a.getAttribute('href') || '';
    const compare = href.startsWith('#cmp-');
    const box = $(compare ? '#compare-cite-key textarea' : '#cite-key textarea');
    if (!box) return;
    box.value = `${href.replace(/^#(cite|cmp)-/, '').split('-').join(':')}:${Date.now()}`;
    box.dispatchEvent(new Event('input', {bubbles: true}));
  };
  window.careerbotOpenCite = openCite;
  // What the last press was made with: a tap's click does not always say so itself.
  let lastPointer = 'mouse';
  document.addEventListener('pointerdown', (e) => { lastPointer = e.pointerType; }, true);
  document.addEventListener('touchstart', () => { lastPointer = 'touch'; }, {capture: true, passive: true});
  document.addEventListener('keydown', () => { lastPointer = 'keyboard'; }, true);
  const citeOf = (t) => t.closest && t.closest('#chat a.cite, #compare-table a.cite');
  document.addEventListener('pointerover', (e) => { const a = citeOf(e.target);
    if (a && e.pointerType === 'touch') return;  // a tap: the click below decides
    if (a) show(a);
    else if (e.target.closest && e.target.closest('#cite-pop')) clearTimeout(hideTimer); });
  document.addEventListener('pointerout', (e) => { if (citeOf(e.target) || (e.target.closest && e.target.closest('#cite-pop'))) hide(false); });
  document.addEventListener('focusin', (e) => { const a = citeOf(e.target);
    if (a && lastPointer === 'touch') return;  // focus from a tap: the click decides
    if (a) show(a);
    else if (!(e.target.closest && e.target.closest('#cite-pop'))) hide(true); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !pop.hidden) { hide(true); current?.focus(); } });
  document.addEventListener('click', (e) => {
    const a = citeOf(e.target);
    if (!a) { if (!(e.target.closest && e.target.closest('#cite-pop'))) hide(true); return; }
    e.preventDefault(); e.stopPropagation();
    // A tap shows the popover first (there is no hover on a touch screen); a click opens.
    if ((e.pointerType || lastPointer) === 'touch' && current !== a) { show(a); return; }
    hide(true); openCite(a);
  }, true);

  // ---- start ----
  let tries = 0;
  const start = () => {
    if (!$('#question textarea') || !$('#theme-toggle')) { if (tries++ < 100) setTimeout(start, 100); return; }
    follow(); focusQuestion(); tidy();
  };
  start();
}
"""
