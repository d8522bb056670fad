"""Who may reach the app: login pairs and the loopback rule."""

import pytest

from ui.security import AuthConfigError, is_loopback, login_for, parse_auth


def test_parse_auth_pairs() -> None:
    assert parse_auth(None) == [] and parse_auth("  ") == []
    assert parse_auth("alice:s3cret, bob:a:b:c") == [("alice", "s3cret"), ("bob", "a:b:c")]


@pytest.mark.parametrize("raw", ["alice", "alice:", ":pw", "alice:pw,,bob:x"])
def test_parse_auth_refuses_malformed_entries(raw: str) -> None:
    with pytest.raises(AuthConfigError, match="user:password"):
        parse_auth(raw)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("myhost.example", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_login_required_off_loopback() -> None:
    assert login_for("127.0.0.1", None) is None
    assert login_for("127.0.0.1", "a:b") == [("a", "b")]
    assert login_for("0.0.0.0", "a:b") == [("a", "b")]
    with pytest.raises(AuthConfigError, match=r"Refusing to serve on 0\.0\.0\.0"):
        login_for("0.0.0.0", None)


def test_allowed_hosts_follow_the_bind_address() -> None:
    from ui.security import allowed_hosts

    assert set(allowed_hosts("127.0.0.1")) == {"127.0.0.1", "localhost", "::1", "[::1]"}
    assert "careers.lan" in allowed_hosts("careers.lan")
    assert allowed_hosts("0.0.0.0") == ["*"]  # names unknown: the required login guards it
    named = allowed_hosts("0.0.0.0", ["careers.example.org"])
    assert "careers.example.org" in named and "*" not in named
