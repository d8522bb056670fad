# ruff: noqa: F811  (the fixtures are imported from tests/test_browser.py)
"""axe-core finds no serious or critical accessibility violation on the chat (while an
answer streams, and with a cited guide open), the sidebar's "This chat" panel, Compare and
Library views, light and dark, desktop and phone (``tests/axe_audit.py``; the real app and
Debian chromium of tests/test_browser.py); and the keyboard's focus stays where a person
left it while Stop comes and goes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe_audit import SCHEMES, audit, slow_stream, total
from tests.test_browser import (  # noqa: F401  (fixtures)
    VIEWPORTS,
    app_settings,
    app_url,
    browser,
    open_sidebar,
    page,
    replies_done,
    viewport,
    wait_for_reply,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_no_serious_or_critical_axe_violation(
    browser: Any, app_url: str, size: str, scheme: str
) -> None:
    views = audit(browser, app_url, size, scheme)
    assert total(views) == 0, views


# Where the keyboard is: the focused element's id, or its field's block id, or its tag.
FOCUSED = """() => { const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    const block = e.closest('[id]');
    return e.id || (block ? block.id : e.tagName); }"""


def focused(page: Any) -> str:
    return str(page.evaluate(FOCUSED))


def tab_to(page: Any, target: str, most: int = 8) -> None:
    """Press Tab until ``target`` (an id) has the focus, as a keyboard user would."""
    for _ in range(most):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    assert focused(page) == target


@pytest.mark.parametrize("viewport", ["desktop"])  # a keyboard, and the sidebar beside the chat
def test_focus_stays_sensible_through_send_stop_and_an_answer_ending(page: Any) -> None:
    """Send (the Ask button, from the keyboard), Stop (reached by Tab while the answer
    streams), the answer done: the focus never drops to the page and never jumps away
    from a field the person is typing in."""
    page.wait_for_function("() => document.activeElement?.closest('#question')")
    page.keyboard.type("What does a data scientist do day to day?")
    with slow_stream(2.0):
        done = replies_done(page)
        tab_to(page, "ask")
        page.keyboard.press("Enter")
        page.wait_for_function("() => !document.querySelector('#stop').disabled")
        assert focused(page) == "ask"  # Stop appearing takes nothing away
        page.keyboard.press("Shift+Tab")  # Ask's neighbour is Stop
        assert focused(page) == "stop"
        page.keyboard.press("Enter")
        wait_for_reply(page, done)
    # Stop greyed out under the keyboard: the focus goes on to the box, not to the page.
    page.wait_for_function("() => document.activeElement?.closest('#question')")
    assert focused(page) == "question"
    # An answer ending while the person types a title: the keys stay in the title box.
    open_sidebar(page)
    page.locator("#chat-actions").get_by_text("This chat").click()
    title = page.locator("#rename-title input")
    with slow_stream(0.7):
        done = replies_done(page)
        page.locator("#question textarea").focus()
        page.keyboard.type("What tools do they use?")
        page.keyboard.press("Enter")
        page.locator("#chat [data-testid=user]").nth(1).wait_for()
        title.focus()
        title.fill("")
        page.keyboard.type("Pipel")
        assert replies_done(page) == done, "the answer ended before the title was typed"
        wait_for_reply(page, done)
    page.wait_for_timeout(500)  # the page script's after-answer tidying has run
    page.keyboard.type("ines")
    assert focused(page) == "rename-title"
    assert title.input_value() == "Pipelines"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_download_link_reads_at_4_5_to_1_enabled_and_greyed_out(
    browser: Any, app_url: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    """The "This chat" panel's "Download as Markdown" (``ui.downloads``), light and dark:
    greyed out and no link on a new chat, a link once it has a message, both at least
    4.5:1 on the sidebar. The audit's axe run judges the link; the greyed-out one it leaves
    out (axe skips aria-disabled elements, as WCAG exempts inactive controls), so this
    measures both."""
    from tests.test_browser import _page, ask, visit
    from tests.test_shell import contrast

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        for page in _page(browser, request, context=context):
            visit(page, app_url)
            page.wait_for_function(
                "(dark) => document.body.classList.contains('dark') === dark",
                arg=scheme == "dark",
            )
            open_sidebar(page)
            page.locator("#chat-actions").get_by_text("This chat").click()
            off = page.locator("span#export[aria-disabled=true]")
            off.wait_for()
            page.wait_for_timeout(400)  # past the sidebar's slide and colour transitions
            assert off.get_attribute("href") is None
            greyed = off.evaluate("(e) => getComputedStyle(e).color")
            body = off.evaluate("(e) => getComputedStyle(e.closest('#chat-actions')).color")
            assert greyed != body, "the unusable link looks like the text around it"
            assert contrast(off) >= 4.5, (scheme, "greyed out")
            ask(page, "What does a data engineer do?")
            link = page.locator("a#export[href]")
            link.wait_for()
            page.wait_for_timeout(400)
            assert link.evaluate("(e) => getComputedStyle(e).color") != greyed
            assert contrast(link) >= 4.5, (scheme, "link")
    finally:
        context.close()
