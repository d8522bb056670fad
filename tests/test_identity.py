from __future__ import annotations

import stat

import pytest

from bot.core.settings import Settings
from ui.identity import browser_secret, new_browser_id, owner_for


def test_owner_is_the_login_or_the_browser() -> None:
    assert owner_for("alice", "abc") == "user:alice"
    assert owner_for(None, "abc") == "browser:abc"
    assert new_browser_id() != new_browser_id()
    with pytest.raises(ValueError, match="reload"):
        owner_for(None, "")


def test_the_browser_secret_is_kept_private_across_starts(fake_settings: Settings) -> None:
    first = browser_secret(fake_settings)
    assert browser_secret(fake_settings) == first and len(first) == 64
    path = fake_settings.data_dir / "ui-browser-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
