"""An accessibility audit of the web app with axe-core (``axe-playwright-python``, which
ships axe.min.js, so it runs offline): the chat while an answer streams (Stop shown), after
a plain answer and a comparison, the sidebar's "This chat" panel opened, the guide a
citation opens, the Compare tab after a three-role comparison and the Library, at desktop
and phone size, light and dark. Used by tests/test_accessibility.py (which wants 0 serious
or critical violations) and docs/ui_audit.py (which prints the figures)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from axe_playwright_python.sync_playwright import Axe

import ui.chat_view
from tests.test_browser import (
    VIEWPORTS,
    ask,
    close_sidebar,
    is_phone,
    open_sidebar,
    open_tab,
    visit,
)

SEVERE = ("serious", "critical")
SCHEMES = ("light", "dark")
AXE = Axe()
# A pause between streamed sentences long enough to audit the page while one streams.
STREAMING_PAUSE = 2.0
# The elements axe must have checked for contrast in a view, by view. axe leaves out what it
# cannot see (off screen, under a sliding sidebar) without saying so among the violations:
# an element it never checked would pass unseen.
MUST_SEE = {"this chat": ("#export",)}


def severe(page: Any, must_see: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every serious or critical axe violation on the page: its rule, impact, how many
    elements and the first few of them (CSS selectors, for the failure message); and one
    "unchecked" entry per ``must_see`` selector axe's contrast rule did not look at."""
    results = AXE.run(page).response
    found = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "nodes": len(v["nodes"]),
            "where": [" ".join(map(str, n["target"])) for n in v["nodes"][:3]],
        }
        for v in results["violations"]
        if v.get("impact") in SEVERE
    ]
    found += [
        {"rule": "unchecked", "impact": "serious", "nodes": 1, "where": [selector]}
        for selector in must_see
        if not contrast_checked(page, selector)
    ]
    return found


def contrast_checked(page: Any, selector: str) -> bool:
    """Whether axe's contrast rule judged the element (passed or failed it): the audit's
    own run reports violations only, so this asks axe again, about that element alone."""
    results = AXE.run(
        page,
        context={"include": [[selector]]},
        options={"runOnly": ["color-contrast"], "resultTypes": ["violations", "passes"]},
    ).response
    return any(
        " ".join(map(str, n["target"])) == selector
        for kind in ("violations", "passes")
        for v in results[kind]
        for n in v["nodes"]
    )


@contextmanager
def slow_stream(pause: float) -> Iterator[None]:
    """The in-process app's offline answers streamed ``pause`` seconds a sentence."""
    before = ui.chat_view.SENTENCE_PAUSE
    ui.chat_view.SENTENCE_PAUSE = pause
    try:
        yield
    finally:
        ui.chat_view.SENTENCE_PAUSE = before


def streaming(page: Any, question: str) -> list[dict[str, Any]]:
    """The chat audited while ``question``'s answer streams (Stop pressable, part of the
    answer shown); then the answer is let finish."""
    done = int(page.locator("#replies").inner_text().split(":")[1])
    with slow_stream(STREAMING_PAUSE):
        page.locator("#question textarea").fill(question)
        page.locator("#question textarea").press("Enter")
        # Stop pressable and red, its 0.2 s fade from grey over (the theme's button
        # transition: axe once measured it half-way and failed its contrast), and part of
        # the answer shown.
        page.wait_for_function(
            """() => { const b = document.querySelectorAll('#chat [data-testid=bot]');
                       const stop = document.querySelector('#stop');
                       return !stop.disabled && stop.classList.contains('stop')
                         && !stop.getAnimations().length && b.length
                         && b[b.length - 1].innerText.trim()
                         && !b[b.length - 1].innerText.includes('Searching'); }"""
        )
        found = severe(page)
    page.wait_for_function(
        "(done) => Number(document.querySelector('#replies').innerText.split(':')[1]) > done",
        arg=done,
    )
    return found


def this_chat(page: Any) -> list[dict[str, Any]]:
    """The sidebar open at its "This chat" panel (title, Rename, download, Delete), once the
    sidebar has stopped sliding; the sidebar is left closed on a phone (it covers the page)."""
    open_sidebar(page)
    panel = page.locator("#chat-actions")
    if page.locator("#rename-title input").is_hidden():
        panel.get_by_text("This chat").click()
    page.locator("a#export").wait_for()
    page.wait_for_function(
        """() => { const r = document.querySelector('#export').getBoundingClientRect();
                   return r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; }"""
    )
    page.wait_for_timeout(400)  # past the sidebar's slide and any colour transition
    found = severe(page, MUST_SEE["this chat"])
    if is_phone(page):
        close_sidebar(page)
    return found


def audit(browser: Any, url: str, size: str, scheme: str) -> dict[str, list[dict[str, Any]]]:
    """Each view's serious and critical violations, in a fresh browser profile."""
    width, height = VIEWPORTS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        visit(page, url)
        page.wait_for_function(
            "(dark) => document.body.classList.contains('dark') === dark", arg=scheme == "dark"
        )
        views = {"streaming": streaming(page, "What does a data engineer do?")}
        ask(page, "How is a data engineer different from a data scientist?")
        page.wait_for_timeout(600)  # the page script's late scrolls and tidying
        views["chat"] = severe(page)
        views["this chat"] = this_chat(page)
        page.locator("#chat a.cite").first.click()
        page.locator("#guide mark").first.wait_for()
        page.wait_for_timeout(400)
        views["guide"] = severe(page)
        page.locator("#guide-close").click()
        open_tab(page, "Compare")
        roles = page.locator("#compare-roles")
        for name in ("Data Engineer", "Data Scientist", "Data Analyst"):
            roles.get_by_label(name).check()
        page.locator("#compare").click()
        page.locator("#compare-table table").wait_for()
        page.wait_for_timeout(400)
        views["compare"] = severe(page)
        open_tab(page, "Library")
        page.locator("#documents table").wait_for()
        page.wait_for_timeout(400)
        views["library"] = severe(page)
        return views
    finally:
        context.close()


def total(views: dict[str, list[dict[str, Any]]]) -> int:
    """How many elements break a serious or critical rule, over all views."""
    return sum(v["nodes"] for found in views.values() for v in found)
