"""The app shell in a real browser (``ui.shell``): the window never scrolls, the question box
stays in view, the chat list is one Tab stop, citations mark the sentence they quote, dark
mode stays readable, and axe-core finds nothing serious on any view, light or dark, desktop
or phone. Same app, corpus and chromium as ``tests/test_browser.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests import test_browser
from tests.test_browser import VIEWPORTS, _page, ask, open_sidebar, open_tab, visit

pytestmark = pytest.mark.browser

# The chat's browser fixtures: the app over the fixture corpus, and one chromium.
app_settings = test_browser.app_settings
app_url = test_browser.app_url
browser = test_browser.browser

SCHEMES = ("light", "dark")

# The WCAG contrast ratio of an element's text against its own background, from the
# computed styles (backgrounds with alpha are laid over the page's).
CONTRAST = """(el) => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = (v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const solid = (e) => {
        const layers = [];
        for (let p = e; p; p = p.parentElement) {
            const c = rgb(getComputedStyle(p).backgroundColor);
            if (c.length === 4 && c[3] === 0) continue;
            layers.push(c);
            if (c.length === 3 || c[3] === 1) break;
        }
        let out = [255, 255, 255];
        for (const c of layers.reverse()) {
            const a = c.length === 4 ? c[3] : 1;
            out = out.map((v, i) => v * (1 - a) + c[i] * a);
        }
        return out;
    };
    const fg = rgb(getComputedStyle(el).color).slice(0, 3), bg = solid(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
}"""


@pytest.fixture(params=SCHEMES)
def scheme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _themed(
    browser: Any, url: str, size: str, scheme: str, request: pytest.FixtureRequest
) -> Iterator[Any]:
    width, height = VIEWPORTS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        for page in _page(browser, request, size, context):
            visit(page, url)
            yield page
    finally:
        context.close()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


# ---- the shell ------------------------------------------------------------------------


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_the_box_stays_in_view_after_ten_answers_and_the_window_never_scrolls(
    browser: Any, app_url: str, size: str, request: pytest.FixtureRequest
) -> None:
    for page in _themed(browser, app_url, size, "light", request):
        assert page.evaluate("() => document.activeElement.closest('#question') !== null")
        questions = ["What does a data engineer do?", "Which tools do they use?"] * 5
        for question in questions:
            ask(page, question)
            # Focus comes back to the box after each answer.
            assert page.evaluate("() => document.activeElement.closest('#question') !== null")
        box = page.locator("#question textarea").bounding_box()
        width, height = VIEWPORTS[size]
        assert box["y"] >= 0 and box["y"] + box["height"] <= height
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("() => document.scrollingElement.scrollHeight <= innerHeight + 1")
        # The conversation scrolls inside itself, and is at its end: the last answer shows.
        wrap = page.locator("#chat .bubble-wrap")
        assert wrap.evaluate("(w) => w.scrollHeight > w.clientHeight + 100")
        assert wrap.evaluate("(w) => w.scrollHeight - w.scrollTop - w.clientHeight < 40")
        # Reopening the chat (a reload reopens the latest) shows its latest turn too.
        page.reload()
        page.locator("#chat [data-testid=user]").nth(9).wait_for()
        page.wait_for_timeout(600)
        assert wrap.evaluate("(w) => w.scrollHeight - w.scrollTop - w.clientHeight < 40")


def test_the_sidebar_scrolls_on_its_own_and_the_chat_list_is_one_tab_stop(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    # A short window, so that fourteen chats are more than the list can show.
    context = browser.new_context(viewport={"width": 1280, "height": 600})
    for page in _page(browser, request, "desktop", context):
        visit(page, app_url)
        for n in range(14):
            page.locator("#new-chat").click()
            page.wait_for_function("() => !document.querySelector('#chat [data-testid=user]')")
            ask(page, f"What does a data analyst do? chat {n}")
        open_sidebar(page)
        listing = page.locator("#chat-list-box")
        assert listing.evaluate("(e) => e.scrollHeight > e.clientHeight")
        wrap = page.locator("#chat .bubble-wrap")
        before = wrap.evaluate("(w) => w.scrollTop")
        listing.evaluate("(e) => { e.scrollTop = e.scrollHeight; }")
        listing.hover()
        page.mouse.wheel(0, 400)
        assert listing.evaluate("(e) => e.scrollTop > 0")
        assert wrap.evaluate("(w) => w.scrollTop") == before  # the chat did not move
        assert page.evaluate("() => document.scrollingElement.scrollTop") == 0
        assert page.locator("#chat-list .chat-group").first.inner_text().lower() == "today"
        # One Tab stop: Tab from the search box lands on the list, the next Tab leaves it.
        page.locator("#search textarea, #search input").first.focus()
        page.keyboard.press("Tab")
        first = page.evaluate("() => document.activeElement.className")
        assert "chat-item" in first
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        title = page.evaluate("() => document.activeElement.innerText")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(t) => document.querySelector('#chat').innerText.includes(t)", arg=title
        )
        page.keyboard.press("Tab")
        assert "chat-item" not in page.evaluate("() => document.activeElement.className || ''")
        # A search with no match says so.
        page.locator("#search textarea, #search input").first.fill("zzz no such chat")
        page.locator("#chat-list-empty").wait_for()
        assert "No chats match" in page.locator("#chat-list-empty").inner_text()
    context.close()


# ---- citations ------------------------------------------------------------------------


def test_every_citation_of_a_long_answer_marks_its_quoted_sentence(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    for page in _themed(browser, app_url, "desktop", "light", request):
        ask(page, "How is a data engineer different from a data scientist?")
        cites = page.locator("#chat a.cite")
        count = cites.count()
        assert count >= 8
        numbers = [int(t.strip("[]")) for t in cites.all_inner_texts()]
        assert numbers[0] == 1  # reading order: the answer opens with [1]
        checked = 0
        for i in range(count):
            cite = cites.nth(i)
            hint = str(cite.get_attribute("title") or cite.get_attribute("data-hint"))
            quote = hint.split(" \u2016 ", 1)[1].strip("“”")
            cite.scroll_into_view_if_needed()
            cite.hover()
            pop = page.locator("#cite-pop")
            pop.wait_for()
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
            checked += 1
        assert checked == count


def test_a_tap_shows_the_popover_whose_link_opens_the_guide(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
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


# ---- dark mode ------------------------------------------------------------------------


def test_dark_mode_follows_the_system_and_the_toggle_and_highlights_stay_readable(
    browser: Any, app_url: str, request: pytest.FixtureRequest
) -> None:
    for page in _themed(browser, app_url, "desktop", "dark", request):
        assert page.evaluate("() => document.body.classList.contains('dark')")
        ask(page, "What does a data engineer do?")
        cite = page.locator("#chat a.cite").first
        assert cite.evaluate(CONTRAST) >= 4.5
        cite.focus()
        assert cite.evaluate(CONTRAST) >= 4.5  # the active [n], highlighted
        cite.click()
        page.locator("#guide mark.quoted").first.wait_for()
        for selector in ("#guide mark.quoted", "#guide mark.cited"):
            for mark in page.locator(selector).all()[:5]:
                assert mark.evaluate(CONTRAST) >= 4.5, selector
        # The toggle switches to light and is remembered over a reload.
        page.locator("#theme-toggle").click()
        assert not page.evaluate("() => document.body.classList.contains('dark')")
        assert cite.evaluate(CONTRAST) >= 4.5
        page.reload()
        page.locator("#question textarea").wait_for()
        page.wait_for_timeout(300)
        assert not page.evaluate("() => document.body.classList.contains('dark')")


# ---- accessibility --------------------------------------------------------------------


def serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page).response
    return [
        f"{v['id']}: {n['target']}"
        for v in response["violations"]
        if v.get("impact") in {"serious", "critical"}
        for n in v["nodes"]
    ]


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_axe_finds_nothing_serious_on_any_view(
    browser: Any, app_url: str, size: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    for page in _themed(browser, app_url, size, scheme, request):
        ask(page, "How is a data engineer different from a data scientist?")
        found = {"chat": serious(page)}
        # Names a screen reader says: labelled boxes, no markup in an answer's name.
        assert page.locator("#question textarea").get_attribute("aria-label") or (
            page.get_by_label("Your question").count()
        )
        names = page.locator("#chat [aria-label]").evaluate_all(
            "(els) => els.map(e => e.getAttribute('aria-label'))"
        )
        assert not any("<" in str(n) for n in names)
        open_tab(page, "Compare")
        roles = page.locator("#compare-roles")
        for name in ("Data Engineer", "Data Scientist", "Data Analyst"):
            roles.get_by_label(name).check()
        page.locator("#compare").click()
        page.locator("#compare-table table").wait_for()
        found["compare"] = serious(page)
        open_tab(page, "Library")
        page.locator("#documents table").wait_for()
        found["library"] = serious(page)
        assert found == {"chat": [], "compare": [], "library": []}
