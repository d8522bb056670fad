"""Every ``careerbot`` command, and ``make run``, as a person runs them: in a terminal.

The other CLI tests call ``main`` in-process or pipe a subprocess's output, and a piped
command never shows a progress bar: that is how a crash of the bar in a real terminal went
unseen. Here each command runs under a pseudo-terminal (Python's ``pty``), and what it printed
is replayed through a terminal emulator (pyte) to read the screen the person is left with.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyte
import pytest

from bot.core.settings import Settings
from tests.interrupt import sigint_delivered
from tests.ui_server import free_port

REPO = Path(__file__).resolve().parent.parent
CAREERBOT = [sys.executable, "-m", "ui.cli"]
COLUMNS, ROWS = 120, 40
# Signs of a crash, or of somebody else's progress bar (tqdm draws "NN%|###|"), on screen.
CRASHES = ("Traceback", "lost sys.stderr", "Fatal Python error", "object type name")
TQDM = re.compile(r"\d+%\|")


@dataclass(frozen=True)
class TerminalRun:
    """What a command left behind in a terminal."""

    code: int
    raw: str  # every byte it wrote, escape sequences and all
    screen: list[str]  # the lines the person sees at the end, blank ones dropped

    @property
    def text(self) -> str:
        return "\n".join(self.screen)

    def assert_clean(self) -> None:
        for sign in CRASHES:
            assert sign not in self.raw, f"{sign!r} in the terminal:\n{self.text}"
        assert not TQDM.search(self.raw), f"a third-party progress bar:\n{self.text}"


def _replay(raw: str, columns: int = COLUMNS) -> list[str]:
    # A tall emulator screen: the program is told 40 rows, and rich moves the cursor relative
    # to where it is, so nothing scrolls away before the end is read.
    screen = pyte.Screen(columns, 2000)
    pyte.Stream(screen).feed(raw.replace("\n", "\r\n"))
    return [line.rstrip() for line in screen.display if line.strip()]


def run_in_terminal(
    argv: Sequence[str],
    env: dict[str, str],
    replies: Sequence[tuple[str, str]] = (),
    timeout: float = 300,
    stop_when: Callable[[str], bool] | None = None,
    columns: int = COLUMNS,
) -> TerminalRun:
    """Run ``argv`` with a pseudo-terminal as its stdin, stdout and stderr.

    ``replies``: (prompt, line) pairs, each line typed once its prompt has appeared (after the
    previous reply). ``stop_when``: called with the screen text so far; once it returns True
    the command is stopped with SIGINT, as Ctrl-C does (for commands that serve until then).
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
    with sigint_delivered():  # Ctrl-C must reach it even if the suite runs in the background
        proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(ROWS)},
            cwd=REPO,
            start_new_session=True,
            close_fds=True,
        )
    os.close(slave)
    chunks: list[bytes] = []
    pending = list(replies)
    seen_to = 0  # replies look for their prompt after what the previous reply saw
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                raise AssertionError(f"{argv} still running after {timeout} s:\n{_tail(chunks)}")
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: every writer has closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            text = b"".join(chunks).decode("utf-8", "replace")
            if pending and pending[0][0] in text[seen_to:]:
                prompt, line = pending.pop(0)
                seen_to = text.index(prompt, seen_to) + len(prompt)
                os.write(master, (line + "\n").encode())
            if stop_when is not None and stop_when(text):
                os.killpg(proc.pid, signal.SIGINT)
                stop_when = None
            if proc.poll() is not None and not ready:
                break
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    raw = b"".join(chunks).decode("utf-8", "replace")
    return TerminalRun(code, raw, _replay(raw, columns))


def _tail(chunks: list[bytes]) -> str:
    return "\n".join(_replay(b"".join(chunks).decode("utf-8", "replace"))[-20:])


def env_of(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env.update(
        CAREERBOT_DATA_DIR=str(settings.data_dir),
        CAREERBOT_CORPUS_DIR=str(settings.corpus_dir),
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


# ---- ingest and the index: the commands with a progress bar --------------------------------


@pytest.mark.slow
def test_ingest_in_a_terminal_shows_a_bar_that_goes_away(
    real_settings: Settings, onnx_cache: Path
) -> None:
    run = run_in_terminal([*CAREERBOT, "ingest"], env_of(real_settings))
    run.assert_clean()
    assert run.code == 0, run.text
    # While embedding: chunks done of total and the time left ("0:00:01", or "-:--:--").
    assert re.search(r"Embedding .*\d+/\d+ chunks [-0-9:]+", _replay_frames(run.raw)), run.raw
    # At the end the bar is gone; the report and its summary stay.
    assert "Embedding" not in run.text
    assert "Ingest report" in run.text and "3 added, 0 updated" in run.text

    again = run_in_terminal([*CAREERBOT, "ingest", "--summary"], env_of(real_settings))
    again.assert_clean()
    assert again.code == 0 and "0 added, 0 updated, 3 skipped" in again.text

    rebuilt = run_in_terminal([*CAREERBOT, "index", "rebuild"], env_of(real_settings))
    rebuilt.assert_clean()
    assert rebuilt.code == 0, rebuilt.text
    assert "Embedding" not in rebuilt.text and "Ingest report" in rebuilt.text

    verified = run_in_terminal([*CAREERBOT, "index", "verify"], env_of(real_settings))
    verified.assert_clean()
    assert verified.code == 0, verified.text
    assert "in step" in verified.text.lower() or "no drift" in verified.text.lower()


def _replay_frames(raw: str) -> str:
    """Every frame a live display drew, one per line (carriage returns start a new frame)."""
    return "\n".join(part for part in re.split(r"[\r\n]", _strip_escapes(raw)) if part.strip())


def _strip_escapes(raw: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw)


# ---- the commands that answer --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ask", "What does a data engineer do?"], "Sources"),
        (["compare", "data engineer", "DS"], "Data Scientist"),
        (["fit", "I love SQL and explaining numbers to managers"], "Data Analyst"),
    ],
    ids=["ask", "compare", "fit"],
)
def test_answers_in_a_terminal(
    indexed_settings: Settings, onnx_cache: Path, argv: list[str], expected: str
) -> None:
    run = run_in_terminal([*CAREERBOT, *argv], env_of(indexed_settings))
    run.assert_clean()
    assert run.code == 0, run.text
    assert expected in run.text
    # Markdown is rendered for the screen, not printed raw.
    assert "**" not in run.text


@pytest.mark.slow
def test_chat_in_a_terminal_question_follow_up_exit(
    indexed_settings: Settings, onnx_cache: Path
) -> None:
    run = run_in_terminal(
        [*CAREERBOT, "chat"],
        env_of(indexed_settings),
        replies=[
            ("you>", "What does a data analyst do?"),
            ("you>", "How much do they earn?"),
            ("you>", "/exit"),
        ],
    )
    run.assert_clean()
    assert run.code == 0, run.text
    prompts = [line for line in run.screen if line.startswith("you>")]
    assert prompts[:3] == [
        "you> What does a data analyst do?",
        "you> How much do they earn?",
        "you> /exit",
    ]
    # The follow-up kept the role: its answer cites the analyst's guide, not another one.
    follow_up = run.text.split("you> How much do they earn?", 1)[1].split("you> /exit")[0]
    assert "Data Analyst" in follow_up and "[1]" in follow_up


@pytest.mark.slow
def test_eval_in_a_terminal(indexed_settings: Settings, onnx_cache: Path, tmp_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text(
        "version: 1\nquestions:\n"
        "  - {id: de, kind: single, question: 'Which tools do data engineers use?',\n"
        "     roles: [data-engineer], parts: []}\n"
        "  - {id: off, kind: offtopic, question: 'How do I bake bread?', roles: [], parts: []}\n",
        encoding="utf-8",
    )
    run = run_in_terminal(
        [*CAREERBOT, "eval", "--questions", str(questions)], env_of(indexed_settings)
    )
    run.assert_clean()
    assert run.code == 0, run.text
    assert "hit@1" in run.text and "| advice | n | value | target | met |" in run.text


@pytest.mark.slow
def test_export_in_a_terminal(fake_settings: Settings) -> None:
    from bot.storage.conversations import ConversationStore

    messages = [
        {"role": "user", "content": "What does a data engineer do?"},
        {"role": "assistant", "content": "They build pipelines [1]."},
    ]
    chat = ConversationStore(fake_settings.sql_url).create("user:alice", messages)
    env = env_of(fake_settings, CAREERBOT_EMBEDDING_MODEL=fake_settings.embedding_model)
    listed = run_in_terminal([*CAREERBOT, "chats"], env)
    listed.assert_clean()
    assert listed.code == 0 and chat.id in listed.text
    run = run_in_terminal([*CAREERBOT, "export", chat.id], env)
    run.assert_clean()
    assert run.code == 0, run.text
    assert run.screen[0] == "# What does a data engineer do?"
    missing = run_in_terminal([*CAREERBOT, "export", "nope"], env)
    assert missing.code == 1 and "Traceback" not in missing.raw
    assert "No saved conversation with id 'nope'" in missing.text


# ---- make run: the first command a person runs ----------------------------------------------


STAGE = re.compile(r"^\[\d/4\] .+ \(\d+ s\)$")


@pytest.mark.slow
def test_make_run_in_a_terminal_serves_and_answers(
    bundled_settings: Settings, onnx_cache: Path, tmp_path: Path
) -> None:
    """``make run`` on the checkout's environment: its stage lines, the one-line ingest
    summary, the app's line saying where it serves, and nothing else; then the app answers."""
    if shutil.which("make") is None or not (REPO / ".venv" / "bin" / "careerbot").exists():
        pytest.fail("make run needs make and the checkout's .venv (make test creates both)")
    data = tmp_path / "data"
    shutil.copytree(bundled_settings.data_dir, data)  # indexed already: ingest is incremental
    port = free_port()
    env = env_of(
        bundled_settings,
        CAREERBOT_DATA_DIR=str(data),
        CAREERBOT_UI_PORT=str(port),
    )
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    del env["CAREERBOT_CORPUS_DIR"]  # make run indexes the bundled corpus/, as for a person
    asker = _Asker(f"http://127.0.0.1:{port}/", f"serving on http://127.0.0.1:{port}")
    # Wide enough that the summary line is one line on screen.
    run = run_in_terminal(["make", "run"], env, timeout=600, stop_when=asker.done, columns=250)
    run.assert_clean()
    lines = run.screen
    stages = [line for line in lines if STAGE.match(line)]
    assert [s[:5] for s in stages][-2:] == ["[3/4]", "[4/4]"], run.text
    summary = [line for line in lines if "added," in line and "skipped" in line]
    assert len(summary) == 1 and "8 skipped (unchanged)" in summary[0], run.text
    served = [line for line in lines if line.startswith("careerbot: serving on")]
    assert len(served) == 1, run.text
    # Nothing else: no third-party bars or logs (make's own notice of the Ctrl-C aside).
    others = [
        line
        for line in lines
        if line not in stages + summary + served and not line.startswith("make: ***")
    ]
    assert others == [], run.text
    assert asker.role == "data-engineer", asker.answer


class _Asker:
    """Asks the app one question (in a thread) once the terminal says it serves; ``done``
    is the terminal run's stop condition."""

    def __init__(self, url: str, ready: str) -> None:
        self.url, self.ready = url, ready
        self.role: str | None = None
        self.answer: object = None
        self._thread: threading.Thread | None = None

    def done(self, text: str) -> bool:
        if self._thread is None and self.ready in text:
            self._thread = threading.Thread(target=self._ask, daemon=True)
            self._thread.start()
        return self._thread is not None and not self._thread.is_alive()

    def _ask(self) -> None:
        from gradio_client import Client

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                data = Client(self.url, verbose=False).predict(
                    "What does a data engineer do?", api_name="/ask"
                )
            except Exception:  # serving line printed, routes not answering yet: try again
                time.sleep(1)
                continue
            self.answer = data
            sources = data.get("sources") or []
            self.role = sources[0]["role"] if sources else None
            return
