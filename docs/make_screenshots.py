"""Regenerate the README's screenshots: the real app over the bundled corpus in Debian
chromium. docs/screenshot.png (1280x900): a cited answer whose citation opened the guide
view; docs/screenshot-dark.png: the same in the dark theme; docs/screenshot-phone.png
(390x844): a comparison folded into one card per aspect under its opening lines.

Run: .venv/bin/python docs/make_screenshots.py (with CAREERBOT_DATA_DIR set: that data dir,
indexed first if the bundled guides changed; otherwise a fresh one, deleted afterwards)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import ingest  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, ask, open_sidebar, visit  # noqa: E402
from tests.test_shell import wait_until_still  # noqa: E402
from tests.ui_server import running_app  # noqa: E402

SHOTS = (
    ("screenshot", 1280, 900, "light"),
    ("screenshot-dark", 1280, 900, "dark"),
    ("screenshot-phone", 390, 844, "light"),
)


def shoot(browser: Any, url: str, name: str, width: int, height: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(120_000)
    visit(page, url)
    ask(page, "What does a data engineer do?")
    ask(page, "How is a data engineer different from a data scientist?")
    wait_until_still(page, "#chat .bubble-wrap")
    if width >= 900:
        open_sidebar(page)
        page.locator("#chat a.cite").first.click()
        page.locator("#guide mark").first.wait_for()
        page.wait_for_timeout(800)  # let the guide scroll to the mark
    else:
        # The comparison's first screen: its opening lines, then a folded card per aspect.
        page.locator("#chat table.cards").first.wait_for()
        comparison = page.locator("#chat [data-testid=bot]", has=page.locator("table"))
        comparison.first.evaluate("(e) => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
    page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
    context.close()


def main() -> None:
    own = not os.environ.get("CAREERBOT_DATA_DIR")
    root = Path(tempfile.mkdtemp(prefix="careerbot-shots-")) if own else None
    data = {"data_dir": root / "data"} if root else {}
    settings = Settings(corpus_dir=ROOT / "corpus", **data)  # type: ignore[call-arg, arg-type]
    ingest.run(settings)
    with running_app(settings) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot in SHOTS:
            shoot(browser, url, *shot)
        browser.close()
    if root:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
