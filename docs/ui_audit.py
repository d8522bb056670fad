"""Audit the web app the way a new user meets it: the real app over the bundled corpus in
Debian chromium, at 1280x900 and 390x844, light and dark. For each view (Chat after two
answers, Compare after a comparison, Library) it prints axe-core's serious and critical
violations, and for the chat where the question box sits and whether the window scrolls.

Run: .venv/bin/python docs/ui_audit.py [screenshot-dir]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

import ingest  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, ask, open_tab, visit  # noqa: E402
from tests.ui_server import running_app  # noqa: E402

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SEVERE = {"serious", "critical"}


def severe(page: Any) -> list[tuple[str, str, int]]:
    """(rule, impact, nodes) of every serious or critical axe violation on the page."""
    results = Axe().run(page)
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v.get("impact") in SEVERE
    ]


def layout(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => {
        const box = document.querySelector('#question textarea').getBoundingClientRect();
        return {question_bottom: Math.round(box.bottom), window_height: innerHeight,
                window_scrolls: document.scrollingElement.scrollHeight > innerHeight + 1,
                focused: document.activeElement?.closest('#question') !== null};
    }"""
        )
    )


def audit(url: str, browser: Any, size: str, scheme: str, shots: Path | None) -> dict[str, Any]:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(120_000)
    visit(page, url)
    row: dict[str, Any] = {"size": size, "scheme": scheme}
    ask(page, "What does a data engineer do?")
    ask(page, "How is a data engineer different from a data scientist?")
    page.wait_for_timeout(500)
    row["layout"] = layout(page)
    if shots:
        page.screenshot(path=str(shots / f"chat-{size}-{scheme}.png"))
    row["chat"] = severe(page)
    open_tab(page, "Compare")
    roles = page.locator("#compare-roles")
    for name in ("Data Engineer", "Data Scientist", "Data Analyst"):
        roles.get_by_label(name).check()
    page.locator("#compare").click()
    page.locator("#compare-table table").wait_for()
    row["compare_height"] = page.locator("#compare-table").evaluate("(e) => e.scrollHeight")
    if shots:
        page.screenshot(path=str(shots / f"compare-{size}-{scheme}.png"))
    row["compare"] = severe(page)
    open_tab(page, "Library")
    page.locator("#documents table").wait_for()
    row["library"] = severe(page)
    context.close()
    return row


def main() -> None:
    shots = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="careerbot-audit-"))
    settings = Settings(data_dir=root / "data", corpus_dir=ROOT / "corpus")  # type: ignore[call-arg]
    ingest.run(settings)
    rows = []
    with running_app(settings) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in SIZES:
            for scheme in ("light", "dark"):
                row = audit(url, browser, size, scheme, shots)
                rows.append(row)
                print(json.dumps(row), flush=True)
        browser.close()
    shutil.rmtree(root, ignore_errors=True)
    total = sum(n for r in rows for view in ("chat", "compare", "library") for *_, n in r[view])
    print(f"serious+critical violation nodes in all views: {total}")


if __name__ == "__main__":
    main()
