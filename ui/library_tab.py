"""The Library tab: the guides and their index state, upload, delete, and Re-index.

An upload or a delete re-indexes by itself, so a new guide answers (and a deleted one stops
answering) without a second step; Re-index stays for files changed on disk.

Re-index runs the incremental ingest inside the serving process. It writes through the
same Chroma client the chat reads from, and chat events run on their own workers, so
questions keep being answered while it runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# At module level: Gradio finds the ``request: gr.Request`` parameters of the handlers
# below by resolving their (string) annotations in this module's globals.
import gradio as gr

import ingest
from bot.core.errors import CareerbotError
from bot.core.settings import Settings
from ingest.library import UPLOAD_SUFFIXES, delete_guide, documents, save_upload
from ui.errors import unexpected, user_message
from ui.markup import LIBRARY_HEADERS, inert, library_rows, report_markdown
from ui.permissions import READ_ONLY, may_change_library

log = logging.getLogger("careerbot.ui")

# Library changes and re-index share one worker: a delete never races an ingest run.
WRITER = "library-writer"

Rows = list[list[object]]
Progress = Callable[..., Any]


@dataclass
class LibraryView:
    """What the tab shows after an action: a status line, the table, the delete choices."""

    message: str
    rows: Rows
    sources: list[str]


def view(settings: Settings, message: str = "") -> LibraryView:
    try:
        entries = documents(settings)
    except Exception as exc:
        return LibraryView(failure("reading the library", exc), [], [])
    deletable = [e.source for e in entries if e.status != "removed"]
    return LibraryView(message, library_rows(entries), deletable)


def failure(action: str, exc: Exception) -> str:
    if isinstance(exc, CareerbotError):
        return f"⚠️ {inert(user_message(exc, 'web'))}"
    return f"⚠️ {unexpected(action, exc, log)}"


def forget_upload(path: Path) -> None:
    """Remove Gradio's copy of an upload (and its folder, once empty) as soon as it is read:
    Gradio keeps uploads in a temp folder shared by every app and readable by every local
    user, for up to an hour. Only files inside that folder are touched."""
    from gradio.utils import get_upload_folder

    temp = Path(get_upload_folder()).resolve()
    try:
        resolved = path.resolve()
        if temp not in resolved.parents:
            return
        resolved.unlink(missing_ok=True)
        if resolved.parent != temp and not any(resolved.parent.iterdir()):
            resolved.parent.rmdir()
    except OSError:
        pass  # already gone, or a folder another upload is using


def upload(settings: Settings, paths: Sequence[str] | None, replace: bool) -> LibraryView:
    """Store each uploaded file in the corpus dir; one bad file does not stop the others."""
    if not paths:
        return view(settings, "Choose one or more guides (.md, .txt, .pdf, .html) to upload.")
    saved: list[str] = []
    problems: list[str] = []
    for path in paths:
        name = Path(path).name
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            problems.append(failure("uploading", exc))
            continue
        finally:
            forget_upload(Path(path))
        try:
            saved.append(save_upload(settings, name, content, replace=replace))
        except Exception as exc:
            problems.append(failure("uploading", exc))
    lines = []
    if saved:
        names = ", ".join(f"`{inert(s)}`" for s in saved)
        lines.append(f"Added {names}; indexing it now.")
    lines += problems
    return view(settings, "\n\n".join(lines))


def delete(settings: Settings, source: str | None) -> LibraryView:
    if not source:
        return view(settings, "Pick a guide to delete first.")
    try:
        delete_guide(settings, source)
    except Exception as exc:
        return view(settings, failure("deleting", exc))
    return view(settings, f"Deleted `{inert(source)}`; removing it from the answers now.")


def reindex(settings: Settings, progress: Progress, before: str = "") -> LibraryView:
    """Run the incremental ingest; ``before`` (what an upload or delete said) stays on top."""
    progress(0, desc="Reading the guides")

    def report_progress(done: int, total: int) -> None:
        progress((done, total), desc="Indexing chunks", unit="chunks")

    try:
        report = ingest.run(settings, progress=report_progress)
    except Exception as exc:
        return view(settings, "\n\n".join(p for p in (before, failure("re-indexing", exc)) if p))
    return view(settings, "\n\n".join(p for p in (before, report_markdown(report)) if p))


def build_library_tab(settings: Settings) -> Any:
    """The tab's components and events; returns the Re-index event so others can follow it."""
    # No server paths here: every visitor sees this page.
    gr.Markdown(
        "Upload guides as markdown, text, PDF or web pages (up to "
        f"{settings.max_upload_bytes:,} bytes each); they are indexed at once. **Re-index** "
        "picks up guides changed on the server; only new or changed guides are embedded."
    )
    status = gr.Markdown(elem_id="library-status")
    table = gr.Dataframe(
        headers=LIBRARY_HEADERS,
        datatype="str",
        interactive=False,
        wrap=True,
        column_widths=["20%", "18%", "24%", "8%", "16%", "14%"],
        elem_id="documents",
        label="Documents",
    )
    # Rendered for the least-privileged visitor: with sign-in the controls start hidden (so
    # absent from the page) and the page-load event shows them to an administrator, so a
    # user never sees them flash before they are hidden. Without sign-in everyone is admin.
    admin_by_default = may_change_library(settings, None)  # no user known: no sign-in only
    # Shown instead of the controls to whoever may not change the Library.
    read_only = gr.Markdown(READ_ONLY, visible=not admin_by_default, elem_id="library-read-only")
    with gr.Row(elem_id="library-controls", visible=admin_by_default) as controls:
        with gr.Column(scale=2):
            files = gr.File(
                label="Upload guides (.md, .txt, .pdf, .html)",
                file_count="multiple",
                file_types=list(UPLOAD_SUFFIXES),
                type="filepath",
                height=150,
                elem_id="upload",
            )
            replace = gr.Checkbox(label="Replace guides with the same file name", value=False)
        with gr.Column(scale=1):
            choice = gr.Dropdown(label="Guide", choices=[], elem_id="delete-choice")
            remove = gr.Button("Delete guide", variant="stop", elem_id="delete")
            with gr.Group(visible=False, elem_id="confirm-guide-delete") as confirm:
                sure = gr.Markdown()
                with gr.Row():
                    yes = gr.Button("Delete", variant="stop", size="sm", elem_id="delete-yes")
                    no = gr.Button("Keep it", size="sm", elem_id="delete-no")
            refresh = gr.Button("Refresh list", size="sm")
    run = gr.Button("Re-index", variant="primary", elem_id="reindex", visible=admin_by_default)

    def allowed(request: gr.Request) -> bool:
        return may_change_library(settings, request)

    def refused() -> tuple[str, Rows, Any]:
        log.warning("a Library change was refused: the user is not an administrator")
        return show(view(settings, f"⚠️ {READ_ONLY}"))

    def show(result: LibraryView) -> tuple[str, Rows, Any]:
        return result.message, result.rows, gr.Dropdown(choices=result.sources, value=None)

    outputs = [status, table, choice]

    # Every handler that writes checks the request itself: hidden controls stop nobody who
    # sends the event by hand.
    def on_reindex(request: gr.Request, progress: Any = gr.Progress()) -> tuple[str, Rows, Any]:  # noqa: B008
        if not allowed(request):
            return refused()
        return show(reindex(settings, progress))

    def reindex_after(
        message: str,
        request: gr.Request,
        progress: Any = gr.Progress(),  # noqa: B008
    ) -> tuple[str, Rows, Any]:
        """After an upload or delete: re-index if a file was saved or removed."""
        if not message.startswith(("Added", "Deleted")) or not allowed(request):
            return show(view(settings, message))
        return show(reindex(settings, progress, message))

    def on_upload(
        paths: list[str] | None, replace_existing: bool, request: gr.Request
    ) -> tuple[Any, ...]:
        if not allowed(request):
            return (*refused(), None)
        return (*show(upload(settings, paths, replace_existing)), None)

    def on_delete(source: str | None, request: gr.Request) -> tuple[str, Rows, Any]:
        if not allowed(request):
            return refused()
        return show(delete(settings, source))

    def access(request: gr.Request) -> tuple[Any, Any, Any]:
        """The controls for an administrator, the read-only note for anyone else."""
        admin = allowed(request)
        return gr.Row(visible=admin), gr.Button(visible=admin), gr.Markdown(visible=not admin)

    def ask_delete(source: str | None) -> tuple[Any, str]:
        if not source:
            return gr.Group(visible=False), ""
        return gr.Group(visible=True), f"Delete `{inert(source)}` from the library?"

    # One progress display (on the status line); the table stays as it was meanwhile.
    common: dict[str, Any] = {
        "api_visibility": "private",
        "concurrency_id": WRITER,
        "concurrency_limit": 1,
        "show_progress_on": [status],
    }
    changed = [
        files.upload(on_upload, [files, replace], [*outputs, files], **common),
        yes.click(on_delete, choice, outputs, **common),
    ]
    hide: dict[str, Any] = {"api_visibility": "private", "queue": False}
    remove.click(ask_delete, choice, [confirm, sure], **hide)
    yes.click(lambda: gr.Group(visible=False), None, confirm, **hide)
    no.click(lambda: gr.Group(visible=False), None, confirm, **hide)
    refresh.click(lambda: show(view(settings)), None, outputs, api_visibility="private")
    event = run.click(on_reindex, None, outputs, **common)
    followers = [event]
    for change in changed:
        # Only when a file was saved or removed; the status line it wrote stays on top.
        followers.append(change.then(reindex_after, status, outputs, **common))
    return LibraryTab(
        refresh=lambda: show(view(settings)),
        outputs=outputs,
        reindexed=followers,
        access=access,
        access_outputs=[controls, run, read_only],
    )


@dataclass
class LibraryTab:
    refresh: Callable[[], tuple[str, Rows, Any]]
    outputs: list[Any]
    reindexed: list[Any]  # the events after which the index changed
    # Shows or hides the controls for the request's user (at page load).
    access: Callable[..., tuple[Any, Any, Any]]
    access_outputs: list[Any]
