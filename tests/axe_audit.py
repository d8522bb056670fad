"""An accessibility audit of the web app with axe-core (``axe-playwright-python``, which
ships axe.min.js, so it runs offline): the chat after a plain answer and a comparison, the
guide a citation opens, the Compare tab after a three-role comparison and the Library, at
desktop and phone size, light and dark. Used by tests/test_accessibility.py (which wants 0
serious or critical violations) and docs/ui_audit.py (which prints the figures)."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from tests.test_browser import VIEWPORTS, ask, open_tab, visit

SEVERE = ("serious", "critical")
SCHEMES = ("light", "dark")
AXE = Axe()


def severe(page: Any) -> list[dict[str, Any]]:
    """Every serious or critical axe violation on the page: its rule, impact, how many
    elements and the first few of them (CSS selectors, for the failure message)."""
    results = AXE.run(page)
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "nodes": len(v["nodes"]),
            "where": [" ".join(map(str, n["target"])) for n in v["nodes"][:3]],
        }
        for v in results.response["violations"]
        if v.get("impact") in SEVERE
    ]


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
        ask(page, "What does a data engineer do?")
        ask(page, "How is a data engineer different from a data scientist?")
        page.wait_for_timeout(600)  # the page script's late scrolls and tidying
        views = {"chat": severe(page)}
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
