# ruff: noqa: F811  (the fixtures are imported from tests/test_browser.py)
"""axe-core finds no serious or critical accessibility violation on the chat (with a cited
guide open), Compare and Library views, light and dark, desktop and phone
(``tests/axe_audit.py``; the real app and Debian chromium of tests/test_browser.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe_audit import SCHEMES, audit, total
from tests.test_browser import VIEWPORTS, app_settings, app_url, browser  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_no_serious_or_critical_axe_violation(
    browser: Any, app_url: str, size: str, scheme: str
) -> None:
    views = audit(browser, app_url, size, scheme)
    assert total(views) == 0, views
