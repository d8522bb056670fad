"""Issue 25, point 9: an upload through the Library form left its copy in Gradio's shared
temp folder (``/tmp/gradio/<hash>/<name>``, readable by every local user and kept up to an
hour). Now the guide is stored in the corpus dir and the temp copy removed at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.settings import Settings
from tests.security.gradio_http import GradioHttp
from tests.ui_server import running_app

MARK = "uploaded-guide-marker-7c21"
GUIDE = f"""---
role: data-curator
title: Data Curator
---
# Data Curator

## What they do
A data curator keeps collections tidy and findable. {MARK}
"""


def holding(folder: Path, text: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file() and text in p.read_text("latin-1")]


@pytest.mark.slow
def test_an_upload_leaves_no_copy_in_gradios_temp_folder(fake_settings: Settings) -> None:
    from gradio.utils import get_upload_folder

    update: dict[str, object] = {"auth": "alice:wonder land"}
    if "admins" in Settings.model_fields:
        update["admins"] = "alice"
    settings = fake_settings.model_copy(update=update)
    temp = Path(get_upload_folder())
    with running_app(settings) as url:
        alice = GradioHttp(url)
        alice.login("alice", "wonder land")
        sent = alice.client.post(
            "gradio_api/upload",
            files={"files": ("curator.md", GUIDE.encode(), "text/markdown")},
        )
        assert sent.status_code == 200, sent.text
        (path,) = sent.json()
        (upload,) = [e for e in alice.events() if e.event == "upload"]
        data = [
            {"path": path, "orig_name": "curator.md", "meta": {"_type": "gradio.FileData"}}
            if c["type"] == "file"
            else (False if c["type"] == "checkbox" else None)
            for c in upload.inputs
        ]
        data = [[d] if isinstance(d, dict) else d for d in data]
        reply = alice.call(upload, data, GradioHttp.new_session())
        assert "Added" in reply.text, reply.text[-800:]
        stored = Path(settings.corpus_dir) / "curator.md"
        assert stored.is_file() and MARK in stored.read_text()
        assert holding(temp, MARK) == []
