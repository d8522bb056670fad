# ruff: noqa: F811, F402  (the fixtures are imported from tests/test_browser.py)
"""The app shell (``ui.shell``) in a real browser: accessible names, focus, Stop, New chat
versus Delete. Same app, browser and viewports as tests/test_browser.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures)
    app_settings,
    app_url,
    ask,
    browser,
    chat_titles,
    open_sidebar,
    page,
    replies_done,
    viewport,
    wait_for_reply,
)

pytestmark = pytest.mark.browser

# Every visible button's accessible name as a screen reader computes it from the DOM: its
# text, else aria-label, else title.
UNNAMED_BUTTONS = """() => [...document.querySelectorAll('button')]
    .filter(b => b.offsetParent !== null)
    .filter(b => !(b.innerText.trim() || (b.getAttribute('aria-label') || '').trim()
                   || (b.title || '').trim()))
    .map(b => b.outerHTML.slice(0, 120))"""


def test_fields_and_buttons_are_named_and_answers_read_as_text(page: Any) -> None:
    # The question box is focused on load, and again after each answer.
    page.wait_for_function("() => document.activeElement?.closest('#question')")
    reply = ask(page, "What does a data engineer do?")
    page.wait_for_function("() => document.activeElement?.closest('#question')")
    assert page.get_by_role("textbox", name="Your question").count() == 1
    assert page.get_by_role("textbox", name="Search chats").count() == 1
    assert page.evaluate(UNNAMED_BUTTONS) == []
    # The helper box a citation click writes to is not a Tab stop.
    assert page.locator("#cite-key textarea").get_attribute("tabindex") == "-1"
    # An answer is announced as its words: no markup in a label or in the accessibility tree.
    labels = page.locator("#chat [aria-label]").evaluate_all(
        "(els) => els.map(e => e.getAttribute('aria-label'))"
    )
    assert not [label for label in labels if "<" in label or "**" in label]
    tree = page.locator("#chat").aria_snapshot()
    first_sentence = reply.split(".")[0]
    assert first_sentence in tree and "class=" not in tree and "&#91;" not in tree
    # Focus is visible: a keyboard user sees where they are.
    page.locator("#question textarea").focus()
    page.keyboard.press("Tab")
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert ring[0] != "none" and ring[1] >= 2, ring


def test_stop_is_pressable_only_while_an_answer_is_coming(
    page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    stop = page.locator("#stop")
    assert stop.is_disabled()
    monkeypatch.setattr("ui.chat_view.SENTENCE_PAUSE", 1.0)  # long enough to look at it
    done = replies_done(page)
    page.locator("#question textarea").fill("What does a data scientist do day to day?")
    page.locator("#question textarea").press("Enter")
    page.wait_for_function("() => !document.querySelector('#stop').disabled")
    assert "stop" in str(stop.get_attribute("class")).split()  # red only now
    monkeypatch.setattr("ui.chat_view.SENTENCE_PAUSE", 0.0)
    wait_for_reply(page, done)
    page.wait_for_function("() => document.querySelector('#stop').disabled")
    assert "stop" not in str(stop.get_attribute("class")).split()


def test_new_chat_keeps_this_one_and_only_delete_removes_it(page: Any) -> None:
    ask(page, "What does a data analyst do?")
    # No trash icon that only empties the view; "New chat" says what it does.
    assert page.locator("#chat button[aria-label=Clear]:visible").count() == 0
    page.locator("#chat button[aria-label='New chat']").click()
    page.wait_for_function("() => !document.querySelector('#chat [data-testid=user]')")
    page.wait_for_function("() => document.activeElement?.closest('#question')")
    open_sidebar(page)
    assert chat_titles(page) == ["What does a data analyst do?"]
    # Deleting says it is for good.
    page.locator("#sidebar").get_by_text("What does a data analyst do?").click()
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('What does a data analyst')"
    )
    open_sidebar(page)
    page.locator("#chat-actions").get_by_text("This chat").click()
    page.locator("#delete-chat").click()
    assert "for good" in page.locator("#confirm-delete").first.inner_text()


# WCAG contrast of an element's text against what is behind it (its own background, or
# the first ancestors' backgrounds composed until an opaque one), from computed styles.
CONTRAST = """(el) => {
    const parse = (c) => {
        const m = c.match(/rgba?\\(([^)]+)\\)/);
        if (!m) throw new Error('colour not understood: ' + c);
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (const l of layers.reverse()) bg = bg.map((v, i) => l[i] * l[3] + v * (1 - l[3]));
    const fg = parse(getComputedStyle(el).color);
    const text = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const lum = (rgb) => {
        const f = (v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
    };
    const [a, b] = [lum(text), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def contrast(locator: Any) -> float:
    return float(locator.evaluate(CONTRAST))


def test_dark_mode_follows_the_system_a_toggle_overrides_and_citations_stay_readable(
    browser: Any, app_url: str, viewport: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import VIEWPORTS, visit

    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="dark")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        visit(page, app_url)
        page.wait_for_function("() => document.body.classList.contains('dark')")
        toggle = page.locator("#theme-toggle")
        assert toggle.inner_text().strip() == "Light mode"
        for theme in ("dark", "light"):
            ask(page, "What does a data engineer do?")
            cite = page.locator("#chat a.cite").last
            assert contrast(cite) >= 4.5, theme  # the [n] as it sits in the answer
            cite.hover()
            page.wait_for_timeout(400)  # past any colour transition
            assert contrast(cite) >= 4.5, theme  # the active [n]
            cite.click()
            mark = page.locator("#guide mark.cited").first
            mark.wait_for()
            assert contrast(mark) >= 4.5, theme
            page.locator("#guide-close").click()
            if theme == "dark":
                toggle.click()
                page.wait_for_function("() => !document.body.classList.contains('dark')")
                assert toggle.inner_text().strip() == "Dark mode"
        # The choice outlives a reload, whatever the system says.
        page.reload()
        page.locator("#question textarea").wait_for()
        page.wait_for_function("() => document.querySelector('#theme-toggle')")
        page.wait_for_timeout(500)
        assert not page.evaluate("() => document.body.classList.contains('dark')")
    finally:
        context.close()


# ---- the shell: one screen, the lists scroll on their own -----------------------------

# True once the element's scroll position, sizes and place have not changed for 500 ms
# (polled): a page still laying out or scrolling itself would make any measurement a race.
STILL = """(sel) => {
    const e = document.querySelector(sel);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    const now = [e.scrollTop, e.scrollHeight, e.clientHeight, r.x, r.y, r.width].join(':');
    const seen = (window.__still ||= {});
    const t = performance.now();
    if (!seen[sel] || seen[sel].v !== now) { seen[sel] = {v: now, t}; return false; }
    return t - seen[sel].t >= 500;
}"""


def wait_until_still(page: Any, selector: str) -> None:
    page.wait_for_function(STILL, arg=selector, polling=100)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_box_stays_in_view_after_ten_answers_and_the_window_never_scrolls(
    browser: Any, app_url: str, size: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import VIEWPORTS, _page, visit

    for page in _page(browser, request, size):
        visit(page, app_url)
        for question in ["What does a data engineer do?", "Which tools do they use?"] * 5:
            ask(page, question)
        page.wait_for_function("() => document.activeElement?.closest('#question')")
        box = page.locator("#question textarea").bounding_box()
        width, height = VIEWPORTS[size]
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert page.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight + 1")
        # The conversation scrolls inside itself and is at its end: the last answer shows.
        wrap = page.locator("#chat .bubble-wrap")
        assert wrap.evaluate("(w) => w.scrollHeight > w.clientHeight + 100")
        page.wait_for_function(
            "() => { const w = document.querySelector('#chat .bubble-wrap');"
            " return w.scrollHeight - w.scrollTop - w.clientHeight < 40; }"
        )
        # Reopening the chat (a reload reopens the latest) shows its latest turn too.
        page.reload()
        page.locator("#chat [data-testid=user]").nth(9).wait_for()
        page.wait_for_function(
            "() => { const w = document.querySelector('#chat .bubble-wrap');"
            " return w.scrollHeight - w.scrollTop - w.clientHeight < 40; }"
        )


def test_the_sidebar_scrolls_on_its_own_and_the_chat_list_is_one_tab_stop(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import _page, visit

    # A short window, so that twelve chats are more than the list can show.
    context = browser.new_context(viewport={"width": 1280, "height": 600})
    try:
        for page in _page(browser, request, "desktop", context):
            visit(page, app_url)
            for n in range(12):
                page.locator("#new-chat").click()
                page.wait_for_function("() => !document.querySelector('#chat [data-testid=user]')")
                ask(page, f"What does a data analyst do? chat {n}")
            open_sidebar(page)
            listing = page.locator("#chat-list-box")
            assert listing.evaluate("(e) => e.scrollHeight > e.clientHeight")
            # The page scrolls the chat to its end again 120 and 400 ms after an answer, and
            # the sidebar slides in: measure once both have stopped moving.
            wait_until_still(page, "#chat .bubble-wrap")
            wait_until_still(page, "#sidebar")
            wrap = page.locator("#chat .bubble-wrap")
            before = wrap.evaluate("(w) => w.scrollTop")
            listing.hover()
            page.mouse.wheel(0, 400)
            page.wait_for_function("() => document.querySelector('#chat-list-box').scrollTop > 0")
            assert wrap.evaluate("(w) => w.scrollTop") == before  # the chat did not move
            assert page.evaluate("() => document.scrollingElement.scrollTop") == 0
            assert page.locator("#chat-list .chat-group").first.inner_text().lower() == "today"
            # One Tab stop: Tab from the search box lands on the list, the next Tab leaves.
            page.locator("#search input, #search textarea").first.focus()
            page.keyboard.press("Tab")
            assert "chat-item" in page.evaluate("() => document.activeElement.className")
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowDown")
            title = page.evaluate("() => document.activeElement.innerText")
            page.keyboard.press("Enter")
            page.wait_for_function(
                "(t) => document.querySelector('#chat').innerText.includes(t)", arg=title
            )
            page.locator("#chat-list .chat-item[tabindex='0']").focus()
            page.keyboard.press("Tab")
            assert "chat-item" not in page.evaluate("() => document.activeElement.className || ''")
            # A search with no match says so.
            page.locator("#search input, #search textarea").first.fill("zzz no such chat")
            page.locator("#chat-list-empty").wait_for()
            assert "No chats match" in page.locator("#chat-list-empty").inner_text()
    finally:
        context.close()


# ---- exact citations --------------------------------------------------------------------


def words(text: str) -> list[str]:
    import re

    return re.findall(r"\w+", text.lower())


def contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def test_every_citation_of_a_long_answer_marks_its_quoted_sentence(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import _page, visit

    for page in _page(browser, request, "desktop"):
        visit(page, app_url)
        ask(page, "How is a data engineer different from a data scientist?")
        cites = page.locator("#chat a.cite")
        count = cites.count()
        assert count >= 8
        numbers = [int(t.strip("[]")) for t in cites.all_inner_texts()]
        assert numbers[0] == 1  # reading order: the answer opens with [1]
        for i in range(count):
            cite = cites.nth(i)
            hint = str(cite.get_attribute("title") or cite.get_attribute("data-hint"))
            quote = hint.split(" \u2016 ", 1)[1].strip("“”")
            cite.scroll_into_view_if_needed()
            cite.hover()
            pop = page.locator("#cite-pop")
            pop.wait_for()
            # The popover: guide and section, the quoted sentence, a way into the guide.
            assert hint.split(" \u2016 ", maxsplit=1)[0] in pop.inner_text()
            assert contains(words(pop.inner_text()), words(quote))
            assert "Open the guide" in pop.inner_text()
            page.locator("#question textarea").hover()
            cite.click()
            page.wait_for_function(
                "(n) => document.querySelector('#guide-title')?.innerText.includes(`Cited [${n}]`)",
                arg=numbers[i],
            )
            page.locator("#guide mark.quoted").first.wait_for()
            marked = words(" ".join(page.locator("#guide mark.quoted").all_inner_texts()))
            assert contains(marked, words(quote)), (i, quote)


def test_a_tap_shows_the_popover_whose_link_opens_the_guide(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import VIEWPORTS, _page, visit

    width, height = VIEWPORTS["phone"]
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True
    )
    try:
        for page in _page(browser, request, "phone", context):
            visit(page, app_url)
            ask(page, "What does a data engineer do?")
            page.locator("#chat a.cite").first.tap()
            pop = page.locator("#cite-pop")
            pop.wait_for()
            assert "Data Engineer" in pop.inner_text()
            assert page.locator("#guide-view").is_hidden()
            pop.get_by_role("button", name="Open the guide").tap()
            page.locator("#guide mark.quoted").first.wait_for()
    finally:
        context.close()


def test_compare_cells_cite_and_open_the_guide_like_the_chat(page: Any) -> None:
    from tests.test_browser import open_tab, unfold_cards

    open_tab(page, "Compare")
    roles = page.locator("#compare-roles")
    roles.get_by_label("Data Engineer").check()
    roles.get_by_label("Data Scientist").check()
    page.locator("#compare").click()
    page.locator("#compare-table table").wait_for()
    unfold_cards(page, "#compare-table")
    cites = page.locator("#compare-table a.cite")
    cites.first.wait_for()
    assert cites.first.inner_text() == "[1]"
    hint = str(cites.first.get_attribute("title"))
    quote = hint.split(" \u2016 ", 1)[1].strip("“”")
    cites.first.click()
    page.locator("#compare-guide mark.quoted").first.wait_for()
    marked = words(" ".join(page.locator("#compare-guide mark.quoted").all_inner_texts()))
    assert contains(marked, words(quote))


# ---- regenerate ------------------------------------------------------------------------


def saved_chat(app_settings: Any, title: str) -> Any:
    """The one saved conversation titled ``title`` (whoever's: each test asks its own)."""
    from bot.storage.conversations import ConversationStore

    store = ConversationStore(app_settings.sql_url)
    found = [s for _, s in store.all() if s.title == title]
    assert len(found) == 1, found
    owner = next(o for o, s in store.all() if s.title == title)
    return store.get(owner, found[0].id)


def test_regenerate_says_what_it_does_and_replaces_the_last_answer(
    page: Any, app_settings: Any, viewport: str
) -> None:
    question = f"What does a data steward do? ({viewport})"
    ask(page, question)
    first = saved_chat(app_settings, question)
    assert [m["role"] for m in first.messages] == ["user", "assistant"]
    button = page.locator("#retry")
    assert button.inner_text().strip() == "Regenerate"
    page.wait_for_function("() => document.querySelector('#retry').title")
    assert "replaces the last one" in str(button.get_attribute("title"))
    done = replies_done(page)
    button.click()
    wait_for_reply(page, done)
    # The same question once, one answer after it: on screen and in the database.
    assert page.locator("#chat [data-testid=user]").all_inner_texts() == [question]
    again = saved_chat(app_settings, question)
    assert again.id == first.id
    assert [m["role"] for m in again.messages] == ["user", "assistant"]
    assert again.messages[0]["content"] == question


# ---- edit and resend -------------------------------------------------------------------


def test_edit_and_resend_replaces_that_question_and_the_turns_after_it(
    page: Any, app_settings: Any, viewport: str
) -> None:
    first = f"What does a data analyst do? ({viewport}, edited later)"
    ask(page, first)
    ask(page, "Which tools do they use?")
    ask(page, "What do they earn?")
    before = saved_chat(app_settings, first)
    assert [m["role"] for m in before.messages] == ["user", "assistant"] * 3
    # A pencil on each question, saying what sending it again does.
    edits = page.locator("#chat button[aria-label=Edit]")
    assert edits.count() == 3
    page.wait_for_function("() => document.querySelector('#chat button[aria-label=Edit]').title")
    assert "answers after it are replaced" in str(edits.nth(1).get_attribute("title"))
    # The page scrolls the chat to its end again 120 and 400 ms after an answer: click once
    # it has stopped moving, so the pencil pressed is the one looked at.
    wait_until_still(page, "#chat .bubble-wrap")
    edits.nth(1).scroll_into_view_if_needed()
    wait_until_still(page, "#chat .bubble-wrap")
    page.locator("#chat [data-testid=user]").nth(1).hover()
    edits.nth(1).click()
    done = replies_done(page)
    page.locator("#chat textarea").wait_for()
    assert page.locator("#chat textarea").input_value() == "Which tools do they use?"
    page.locator("#chat textarea").fill("What skills does a data scientist need?")
    page.locator("#chat button[aria-label=Submit]").click()
    wait_for_reply(page, done)
    # On screen and in the database: the first turn kept, the edited question and its new
    # answer in place of the second, the third gone; the same chat, not a new one.
    asked = ["What skills does a data scientist need?"]
    assert page.locator("#chat [data-testid=user]").all_inner_texts() == [first, *asked]
    after = saved_chat(app_settings, first)
    assert after.id == before.id
    assert [m["role"] for m in after.messages] == ["user", "assistant"] * 2
    assert after.messages[:2] == before.messages[:2]
    assert after.messages[2]["content"] == asked[0]
    assert "scientist" in str(after.messages[3]["content"]).lower()
    assert not after.messages[3].get("error")
    # A reload shows what was saved.
    page.reload()
    page.locator("#chat [data-testid=user]").nth(1).wait_for()
    assert page.locator("#chat [data-testid=user]").all_inner_texts() == [first, *asked]


# ---- comparisons on a phone, wide tables -----------------------------------------------


def test_a_comparison_on_a_phone_folds_into_one_card_per_aspect_under_its_verdict(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import VIEWPORTS, _page, open_tab, visit

    for page in _page(browser, request, "phone"):
        visit(page, app_url)
        ask(page, "How is a data engineer different from a data scientist?")
        answer = page.locator("#chat [data-testid=bot]").first
        table = answer.locator("table.cards")
        table.wait_for()
        toggles = table.locator(".card-toggle")
        aspects = [t.strip() for t in toggles.all_inner_texts()]
        assert len(aspects) >= 5 and aspects[0] == "Focus", aspects
        assert {t.get_attribute("aria-expanded") for t in toggles.all()} == {"false"}
        assert table.evaluate("(t) => t.scrollWidth <= t.clientWidth + 1")  # nothing sideways
        # The answer's first screen: its opening lines (the verdict) and the aspects below.
        wait_until_still(page, "#chat .bubble-wrap")
        answer.evaluate("(e) => e.scrollIntoView({block: 'start'})")
        bar = page.locator("#composer").first.bounding_box()["y"]
        opening = answer.locator("p").first.bounding_box()
        assert opening["y"] >= 0 and opening["y"] + opening["height"] <= bar, (opening, bar)
        first_card = toggles.first.bounding_box()
        assert first_card["y"] + first_card["height"] <= bar
        height = answer.evaluate("(e) => e.getBoundingClientRect().height")
        assert height < 1.5 * VIEWPORTS["phone"][1], height  # the whole table was ~3 screens
        # A tap on an aspect unfolds it: each role's words, under the role's name.
        toggles.first.click()
        assert toggles.first.get_attribute("aria-expanded") == "true"
        cells = table.locator("tbody tr").first.locator("td[data-label]")
        names = cells.evaluate_all(
            "(cs) => cs.map(c => getComputedStyle(c, '::before').content.replaceAll('\"', ''))"
        )
        assert names == ["Data Engineer", "Data Scientist"]
        assert cells.first.is_visible() and "data engineer" in cells.first.inner_text().lower()
        assert table.locator("tbody tr").nth(1).locator("td[data-label]").first.is_hidden()
        # The Compare tab folds the same way.
        open_tab(page, "Compare")
        roles = page.locator("#compare-roles")
        for name in ("Data Engineer", "Data Scientist", "Data Analyst"):
            roles.get_by_label(name).check()
        page.locator("#compare").click()
        page.locator("#compare-table table.cards .card-toggle").first.wait_for()
        assert page.locator("#compare-table").evaluate("(e) => e.scrollHeight") < 1200
        # A wide screen has room for the table itself.
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_function("() => !document.querySelector('table.cards, .card-toggle')")
        assert page.locator("#compare-table thead th").count() == 4


def test_an_opened_card_stays_open_when_the_chat_re_renders(
    browser: Any, app_url: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comparison streams in: its table is drawn again with every piece that follows it
    and with the finished answer. A card the person opened meanwhile stays open, the others
    folded."""
    from tests.test_browser import _page, visit

    for page in _page(browser, request, "phone"):
        visit(page, app_url)
        monkeypatch.setattr("ui.chat_view.SENTENCE_PAUSE", 0.7)  # pieces a tap apart
        done = replies_done(page)
        page.locator("#question textarea").fill(
            "How is a data engineer different from a data scientist?"
        )
        page.locator("#question textarea").press("Enter")
        table = page.locator("#chat [data-testid=bot]").first.locator("table.cards")
        toggles = table.locator(".card-toggle")
        toggles.nth(1).wait_for()
        toggles.nth(1).click()
        # Marks the table drawn now: a redrawn table no longer carries the mark.
        table.evaluate("(t) => { t.dataset.before = '1'; }")
        assert replies_done(page) == done, "the answer ended before the card was opened"
        wait_for_reply(page, done)
        monkeypatch.setattr("ui.chat_view.SENTENCE_PAUSE", 0.0)
        # The table was drawn again since (else this test no longer tests anything).
        assert page.locator("#chat table[data-before]").count() == 0
        table.locator(".card-toggle").first.wait_for()
        expanded = [t.get_attribute("aria-expanded") for t in toggles.all()]
        assert expanded[1] == "true" and expanded.count("true") == 1, expanded
        assert table.locator("tbody tr").nth(1).locator("td[data-label]").first.is_visible()
        assert table.locator("tbody tr").nth(0).locator("td[data-label]").first.is_hidden()


def test_a_table_wider_than_the_screen_says_it_scrolls(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    from tests.test_browser import _page, open_tab, visit

    # A tablet: too wide for cards, too narrow for four roles side by side.
    context = browser.new_context(viewport={"width": 720, "height": 900})
    try:
        for page in _page(browser, request, "desktop", context):
            visit(page, app_url)
            open_tab(page, "Compare")
            roles = page.locator("#compare-roles")
            for name in ("Data Engineer", "Data Scientist", "Data Analyst", "Security Analyst"):
                roles.get_by_label(name).check()
            page.locator("#compare").click()
            table = page.locator("#compare-table table.scrolls")
            table.wait_for()
            assert table.evaluate("(t) => t.scrollWidth > t.clientWidth")
            hint = table.evaluate("(t) => getComputedStyle(t, '::before').content")
            assert "Scroll sideways" in hint
            # It scrolls from the keyboard too (a Tab stop), and the hint stays in view.
            assert table.get_attribute("tabindex") == "0"
            table.focus()
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "() => document.querySelector('#compare-table table').scrollLeft > 0"
            )
            # Two roles fit: no hint.
            page.set_viewport_size({"width": 1280, "height": 900})
            roles.get_by_label("Data Analyst").uncheck()
            roles.get_by_label("Security Analyst").uncheck()
            page.locator("#compare").click()
            page.wait_for_function(
                "() => document.querySelectorAll('#compare-table thead th').length === 3"
            )
            page.wait_for_function("() => !document.querySelector('#compare-table table.scrolls')")
    finally:
        context.close()


# ---- a citation of a removed guide -----------------------------------------------------


def test_a_citation_of_a_removed_guide_survives_sanitising_and_reads_in_both_themes(
    browser: Any, app_url: str, app_settings: Any, request: pytest.FixtureRequest
) -> None:
    from bot.storage.conversations import ConversationStore
    from tests.test_browser import _page, visit

    for page in _page(browser, request, "desktop"):
        visit(page, app_url)
        question = "What does a data engineer do? (its guide removed since)"
        ask(page, question)
        # The guide behind the answer's first source leaves the library (its saved source
        # now names a file the corpus does not have); the chat is opened again.
        saved = saved_chat(app_settings, question)
        messages = saved.messages
        first = messages[1]["answer"]["sources"][0]
        first["source"] = "a-guide-removed-since.md"
        ConversationStore(app_settings.sql_url).save(saved.owner, saved.id, messages)
        page.reload()
        gone = page.locator("#chat .cite-removed")
        gone.first.wait_for()
        # What the server wrote survived the page's sanitizer: the class and the hint.
        assert "removed from the library since" in page.locator("#chat").inner_text()
        hint = str(gone.first.get_attribute("data-hint") or gone.first.get_attribute("title"))
        assert "(removed from the library)" in hint and first["title"] in hint
        assert gone.first.evaluate("(e) => getComputedStyle(e).textDecorationStyle") == "dotted"
        for theme in ("light", "dark"):
            if theme == "dark":
                page.locator("#theme-toggle").click()
                page.wait_for_function("() => document.body.classList.contains('dark')")
                page.wait_for_timeout(400)  # past any colour transition
            assert contrast(gone.first) >= 4.5, theme
            gone.first.hover()
            pop = page.locator("#cite-pop")
            pop.wait_for()
            assert "removed from the library" in pop.inner_text()
            assert pop.get_by_role("button", name="Open the guide").count() == 0
            assert contrast(gone.first) >= 4.5, theme  # highlighted while its popover shows
            page.locator("#question textarea").hover()
            pop.wait_for(state="hidden")
        # A keyboard reaches it as it reaches a link.
        assert gone.first.get_attribute("tabindex") == "0"
