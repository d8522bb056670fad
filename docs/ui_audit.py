"""The accessibility figures of the web app: axe-core's serious and critical violations on
each view (``tests/axe_audit.py``) of the real app over the bundled corpus in Debian
chromium, desktop and phone, light and dark; one JSON line per size and scheme, then the
total. tests/test_accessibility.py asserts the same audit finds none.

Run: .venv/bin/python docs/ui_audit.py (with CAREERBOT_DATA_DIR set: that data dir, indexed
first if the bundled guides changed; otherwise a fresh one, deleted afterwards)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import ingest  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from tests.axe_audit import SCHEMES, audit, total  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS  # noqa: E402
from tests.ui_server import running_app  # noqa: E402


def main() -> None:
    own = not os.environ.get("CAREERBOT_DATA_DIR")
    root = Path(tempfile.mkdtemp(prefix="careerbot-audit-")) if own else None
    data = {"data_dir": root / "data"} if root else {}
    settings = Settings(corpus_dir=ROOT / "corpus", **data)  # type: ignore[call-arg, arg-type]
    ingest.run(settings)
    overall = 0
    with running_app(settings) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in VIEWPORTS:
            for scheme in SCHEMES:
                views = audit(browser, url, size, scheme)
                overall += total(views)
                print(json.dumps({"size": size, "scheme": scheme, **views}), flush=True)
        browser.close()
    if root:
        shutil.rmtree(root, ignore_errors=True)
    print(f"serious+critical violation nodes in all views: {overall}")


if __name__ == "__main__":
    main()
