"""Gradio's file routes and upload status, checked per user (issue 25): with sign-in on,
Alice (an admin) puts a guide into Gradio's upload cache the way the Library's upload
control does; Bob, signed in as himself, then asks for that file by its path
(``/gradio_api/file=<path>``) and for her upload's progress by its id (the id travels in
the upload URL, so in proxy logs): nothing of hers comes back. Neither of them can fetch the
app's own files (the database, the corpus, the keys) through the file route, and the queue
status anyone signed in may read holds no one's questions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.core.settings import Settings
from tests.security.gradio_http import API
from tests.ui_server import SignedIn, signed_in_app

pytestmark = pytest.mark.slow

SECRET = "alices-private-draft-7c1e"
GUIDE = f"---\nrole: data-steward\ntitle: Data Steward\n---\n# Data Steward\n\n{SECRET}\n"


@pytest.fixture
def app(fake_settings: Settings) -> Iterator[SignedIn]:
    with signed_in_app(fake_settings, admins="alice") as running:
        yield running


def test_one_user_cannot_fetch_anothers_upload_or_see_its_progress(app: SignedIn) -> None:
    alice, bob = app.http("alice"), app.http("bob")
    sent = alice.client.post(
        f"{API}/upload",
        params={"upload_id": "alice-upload-1"},
        files={"files": ("draft.md", GUIDE.encode())},
    )
    assert sent.status_code == 200, sent.text
    (path,) = sent.json()
    mine = alice.client.get(f"{API}/file={path}")
    assert mine.status_code == 200 and SECRET in mine.text
    for route in (f"{API}/file={path}", f"{API}/file/{path}", f"{API}/file={path}/."):
        stolen = bob.client.get(route)
        assert stolen.status_code == 404 and SECRET not in stolen.text, (route, stolen.text)
    progress = bob.client.get(f"{API}/upload_progress", params={"upload_id": "alice-upload-1"})
    assert progress.status_code == 404 and "draft.md" not in progress.text, progress.text


def test_the_file_route_serves_none_of_the_apps_own_files(app: SignedIn) -> None:
    alice, bob = app.http("alice"), app.http("bob")
    data, corpus = app.settings.data_dir, app.settings.corpus_dir
    for path in [
        data / "records.sqlite",
        data / "ui-cookie-key",
        corpus / "data-engineer.md",
        "/etc/passwd",
    ]:
        for who in (alice, bob):
            answer = who.client.get(f"{API}/file={path}")
            assert answer.status_code in (403, 404), (path, answer.status_code)


def test_the_queue_status_holds_no_ones_questions(app: SignedIn) -> None:
    status = app.http("bob").client.get(f"{API}/queue/status")
    assert status.status_code == 200
    assert set(status.json()) <= {"msg", "rank", "queue_size", "rank_eta", "event_id"}
