"""Regenerate docs/screenshot.png (1280x900) and docs/screenshot-phone.png (390x844): the real
app over the bundled corpus in Debian chromium. Run: .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.settings import Settings  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

import ingest  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, ask, open_sidebar, visit  # noqa: E402
from tests.ui_server import running_app  # noqa: E402


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="careerbot-shots-"))
    settings = Settings(data_dir=root / "data", corpus_dir=ROOT / "corpus")  # type: ignore[call-arg]
    ingest.run(settings)
    with running_app(settings) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, width, height in (("screenshot", 1280, 900), ("screenshot-phone", 390, 844)):
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(120_000)
            visit(page, url)
            ask(page, "What does a data engineer do?")
            ask(page, "How is a data engineer different from a data scientist?")
            if width >= 900:
                open_sidebar(page)
                page.locator("#chat a.cite").first.click()
                page.locator("#guide mark").first.wait_for()
                page.wait_for_timeout(800)  # let the guide scroll to the mark
                page.evaluate("() => window.scrollTo(0, 0)")
            else:
                # The comparison: its table scrolls sideways inside the chat.
                page.locator("#chat table").first.evaluate(
                    "(t) => window.scrollTo(0, t.getBoundingClientRect().top + scrollY - 260)"
                )
            page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
            context.close()
        browser.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
