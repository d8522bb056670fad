"""Regenerate docs/screenshot.png (1280x900, light) and docs/screenshot-phone.png (390x844,
dark): the real app over the bundled corpus in Debian chromium.
Run: .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import ingest  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, ask, open_sidebar, visit  # noqa: E402
from tests.ui_server import running_app  # noqa: E402


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="careerbot-shots-"))
    settings = Settings(data_dir=root / "data", corpus_dir=ROOT / "corpus")  # type: ignore[call-arg]
    ingest.run(settings)
    with running_app(settings) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        shots = (("screenshot", 1280, 900, "light"), ("screenshot-phone", 390, 844, "dark"))
        for name, width, height, scheme in shots:
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            page = context.new_page()
            page.set_default_timeout(120_000)
            visit(page, url)
            if width >= 900:
                ask(page, "How is a data engineer different from a data scientist?")
                ask(page, "What does a data engineer do?")
                open_sidebar(page)
                cite = page.locator("#chat a.cite").nth(1)
                cite.click()
                page.locator("#guide mark.quoted").first.wait_for()
                page.wait_for_timeout(800)  # let the guide scroll to the mark
                cite.hover()  # its popover: guide, section, the quoted sentence
                page.locator("#cite-pop").wait_for()
            else:
                ask(page, "What does a data engineer do?")
                ask(page, "How is a data engineer different from a data scientist?")
                # The comparison's verdict, its aspects folded into cards below it.
                page.locator("#chat table.cards").first.wait_for()
                page.locator("#chat table.cards tbody tr > :first-child").first.click()
                page.locator("#chat [data-testid=user]").last.evaluate(
                    "(q) => q.scrollIntoView({block: 'start'})"
                )
                page.wait_for_timeout(400)
            page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
            context.close()
        browser.close()
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
