"""Who may change the Library: the one local user without sign-in, else CAREERBOT_ADMINS."""

from __future__ import annotations

from types import SimpleNamespace

from bot.core.settings import Settings
from ui.permissions import may_change_library


def request(username: str | None) -> SimpleNamespace:
    return SimpleNamespace(username=username)


def test_without_sign_in_the_local_user_is_the_administrator() -> None:
    assert may_change_library(Settings(), request(None))
    assert may_change_library(Settings(admins="alice"), request(None))


def test_with_sign_in_only_the_named_administrators_may() -> None:
    settings = Settings(auth="alice:a,bob:b,carol:c", admins=" alice , carol")
    assert settings.admin_list == ["alice", "carol"]
    assert may_change_library(settings, request("alice"))
    assert may_change_library(settings, request("carol"))
    assert not may_change_library(settings, request("bob"))
    assert not may_change_library(settings, request(None))
    assert not may_change_library(settings, None)


def test_with_sign_in_and_no_administrators_nobody_may() -> None:
    settings = Settings(auth="alice:a")
    assert not may_change_library(settings, request("alice"))
