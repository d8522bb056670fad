"""Attack 4 of issue 25: anyone signed in could change the Library. On a real ``careerbot ui``
server with sign-in, Alice is an administrator (``CAREERBOT_ADMINS=alice``) and Bob is not:
Bob sends the Library's write events by hand (upload, delete, re-index) and every one is
refused with the read-only line, the corpus and the index untouched; Alice's same calls
work, which shows the calls are well formed. In a real browser Bob sees no controls."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import Settings
from ingest.library import documents
from tests.security.conftest import opened
from tests.security.gradio_http import API, Event, GradioHttp
from tests.ui_server import PASSWORDS, signed_in_app
from ui.permissions import READ_ONLY

pytestmark = pytest.mark.slow

GUIDE = "---\nrole: data-steward\ntitle: Data Steward\n---\n# Data Steward\n## Overview\n" + (
    "A data steward owns the business glossary and decides what each metric means.\n"
)


@dataclass
class Roles:
    url: str
    settings: Settings
    alice: GradioHttp
    bob: GradioHttp


@pytest.fixture
def roles(fake_settings: Settings) -> Iterator[Roles]:
    with signed_in_app(fake_settings, admins="alice") as app:
        yield Roles(app.url, app.settings, app.http("alice"), app.http("bob"))


def writer(events: list[Event], elem_id: str, event: str) -> Event:
    """The queued (writing) event of a Library control."""
    (found,) = [e for e in events if e.elem_id == elem_id and e.event == event and e.queued]
    return found


def uploaded(visitor: GradioHttp, name: str, text: str) -> dict[str, Any]:
    """A file put into Gradio's upload cache the way the page does, as the event's value."""
    answer = visitor.client.post(f"{API}/upload", files={"files": (name, text.encode())})
    assert answer.status_code == 200, answer.text
    (path,) = answer.json()
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def guides(settings: Settings) -> set[str]:
    return {p.name for p in settings.corpus_dir.iterdir()}


def indexed(settings: Settings) -> dict[str, int]:
    return {d.source: d.chunks for d in documents(settings)}


def refused(reply_text: str) -> bool:
    # The line comes back JSON-encoded inside the event stream.
    return json.dumps(READ_ONLY)[1:-1] in reply_text


def test_a_user_cannot_upload_delete_or_reindex_and_an_admin_can(roles: Roles) -> None:
    events = roles.bob.events()
    upload, delete, reindex = (
        writer(events, "upload", "upload"),
        writer(events, "delete-yes", "click"),
        writer(events, "reindex", "click"),
    )
    victim = sorted(guides(roles.settings))[0]
    before_files, before_index = guides(roles.settings), indexed(roles.settings)

    session = GradioHttp.new_session()
    file = uploaded(roles.bob, "data-steward.md", GUIDE)
    replies = [
        roles.bob.call(upload, [[file], True], session),
        roles.bob.call(delete, [victim], session),
        roles.bob.call(reindex, [], session),
    ]
    for reply in replies:
        assert reply.status == 200 and refused(reply.text), reply.text
    assert guides(roles.settings) == before_files
    assert indexed(roles.settings) == before_index

    # The same calls from the administrator do what they say.
    session = GradioHttp.new_session()
    file = uploaded(roles.alice, "data-steward.md", GUIDE)
    added = roles.alice.call(upload, [[file], False], session)
    assert "Added" in added.text and not refused(added.text), added.text
    assert "data-steward.md" in guides(roles.settings)
    gone = roles.alice.call(delete, [victim], session)
    assert "Deleted" in gone.text and not refused(gone.text), gone.text
    assert victim not in guides(roles.settings)
    again = roles.alice.call(reindex, [], session)
    assert not refused(again.text), again.text
    assert victim not in indexed(roles.settings)


def test_the_public_api_and_mcp_tools_only_answer(roles: Roles) -> None:
    """Nothing the app offers as an API (and so as an MCP tool) writes to the Library."""
    config = roles.alice.config()
    public = {
        d.get("api_name")
        for d in config["dependencies"]
        if d.get("backend_fn") and d.get("api_visibility", "public") == "public"
    }
    assert public == {"ask", "compare", "fit"}, public


@pytest.mark.browser
def test_a_user_sees_the_library_read_only_and_an_admin_sees_its_controls(
    roles: Roles, tmp_path: Path, chromium: Any
) -> None:
    from tests.test_browser import open_tab

    seen: dict[str, tuple[bool, bool, bool]] = {}
    for user in ("bob", "alice"):
        page = opened(chromium, roles.url, user)
        open_tab(page, "Library")
        page.locator("#documents").wait_for()
        page.wait_for_timeout(500)  # the page-load events have run by now
        seen[user] = (
            page.locator("#upload").is_visible(),
            page.locator("#reindex").is_visible(),
            page.locator("#library-read-only").is_visible(),
        )
        page.context.close()
    assert seen["bob"] == (False, False, True), seen
    assert seen["alice"] == (True, True, False), seen


# Installed before any of the page's scripts: records, from the first paint on, whether any
# Library control was ever in the page (Gradio leaves components with visible=False out of
# the DOM), so a control shown and then hidden by the page-load event is caught too.
FIRST_PAINT_PROBE = """
window.__controlsSeen = [];
new MutationObserver(() => {
  for (const id of ['upload', 'reindex', 'delete', 'library-controls']) {
    if (document.getElementById(id) && !window.__controlsSeen.includes(id)) {
      window.__controlsSeen.push(id);
    }
  }
}).observe(document, {childList: true, subtree: true});
"""


def held_events(page: Any) -> Callable[[], None]:
    """Every event the page sends is held (a slow, busy server) until the returned function
    lets them go: until then the page shows only what the server rendered."""
    held: list[Any] = []

    def hold(route: Any) -> None:
        if held and held[0] is None:  # let go already
            route.continue_()
        else:
            held.append(route)

    def release() -> None:
        waiting = list(held)
        held[:] = [None]
        for route in waiting:
            route.continue_()

    for pattern in ("**/gradio_api/queue/join*", "**/gradio_api/run/predict*"):
        page.route(pattern, hold)
    return release


@pytest.mark.browser
def test_a_user_never_sees_the_library_controls_even_before_the_page_has_loaded(
    roles: Roles, chromium: Any
) -> None:
    from tests.test_browser import open_tab

    seen: dict[str, list[str]] = {}
    for user in ("bob", "alice"):
        page = opened(chromium, "", script=FIRST_PAINT_PROBE)  # not opened yet
        release = held_events(page)
        page.goto(roles.url)
        page.get_by_label("username").fill(user)
        page.get_by_label("password").fill(PASSWORDS[user])
        page.get_by_role("button", name="Login").click()
        # The Library opened while the page-load events are still on their way.
        open_tab(page, "Library")
        page.locator("#documents").wait_for()
        page.wait_for_timeout(1000)
        release()
        page.wait_for_function("() => document.querySelector('#replies')")
        page.wait_for_timeout(1000)  # the page-load events have run by now
        seen[user] = sorted(page.evaluate("window.__controlsSeen"))
        page.context.close()
    # Alice's controls are found by the same probe, so Bob's empty list means something.
    assert seen["alice"] == ["delete", "library-controls", "reindex", "upload"], seen
    assert seen["bob"] == [], seen
