"""The command line: in-process through ``main`` for speed, and once as a real subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.settings import Settings
from ui.cli import main


@pytest.fixture
def env_for(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def apply(settings: Settings) -> None:
        monkeypatch.setenv("CAREERBOT_DATA_DIR", str(settings.data_dir))
        monkeypatch.setenv("CAREERBOT_CORPUS_DIR", str(settings.corpus_dir))
        if settings.embedding_model:
            monkeypatch.setenv("CAREERBOT_EMBEDDING_MODEL", settings.embedding_model)

    return apply


def test_ask_json_contract(indexed_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(indexed_settings)
    assert main(["ask", "--json", "What does a data analyst do?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "offline"
    assert data["answer"] and data["sources"]
    assert set(data["sources"][0]) >= {"role", "title", "section", "source", "score"}


def test_ask_prints_answer_and_sources(indexed_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(indexed_settings)
    assert main(["ask", "What does a data engineer do?"]) == 0
    out = capsys.readouterr().out
    assert "Sources" in out and "[1] Data Engineer" in out
    assert "(data-engineer.md)" in out and "[dim]" not in out


def test_ingest_json_report(fake_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(fake_settings)
    assert main(["ingest", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 3 and report["skipped"] == 0
    assert main(["ingest", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["skipped"], again["embeddings_computed"]) == (0, 3, 0)


def test_ingest_summary_is_one_line(fake_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(fake_settings)
    assert main(["ingest", "--summary"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("3 added, 0 updated")


def test_ingest_summary_tells_a_refused_guide_from_an_unreadable_one(  # type: ignore[no-untyped-def]
    fake_settings: Settings, env_for, capsys
) -> None:
    """A guide whose role id another guide holds was counted "failed (unreadable)": it is
    read fine, and its fix is a 'role:' of its own. --summary gives one line per guide left
    out, saying which and why, and the count line counts the refused apart."""
    corpus = fake_settings.corpus_dir
    (corpus / "uploads").mkdir()
    (corpus / "uploads" / "plumber.md").write_text(
        "---\nrole: data-engineer\ntitle: Pipeline Plumber\n---\n# Pipeline Plumber\n\n"
        "## Overview\nPipeline plumbers mend leaking pipes under the sink every morning.\n"
    )
    (corpus / "broken.md").write_bytes(b"\x00\x01 not text \x00")
    env_for(fake_settings)
    assert main(["ingest", "--summary"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line for line in lines if line.startswith(("refused:", "failed:"))] == [
        "failed: broken.md: binary file",
        "refused: uploads/plumber.md: role id 'data-engineer' is already held by "
        "data-engineer.md; give this guide its own 'role:' in its front matter",
    ]
    counts = lines[-1]
    assert counts.startswith("3 added, 0 updated")
    assert "1 failed (unreadable), 1 refused (role id held by another guide)" in counts
    assert main(["ingest", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["failed"], report["refused"]) == (1, 1)
    statuses = {f["source"]: f["status"] for f in report["files"]}
    assert (statuses["broken.md"], statuses["uploads/plumber.md"]) == ("skipped", "refused")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["ask", ""], 1, "empty"),
        (["ask", "--bogus", "x"], 2, "No such option"),
        (["ask"], 2, "Missing argument"),
        (["ingest", "--corpus", "/definitely/not/here"], 1, "does not exist"),
    ],
)
def test_user_mistakes_are_one_line(
    fake_settings: Settings,
    env_for,
    capsys,
    argv,
    code,  # type: ignore[no-untyped-def]
    message,
) -> None:
    env_for(fake_settings)
    assert main(argv) == code
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_ask_without_index_says_what_to_do(fake_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(fake_settings)
    assert main(["ask", "hello"]) == 1
    assert "careerbot ingest" in capsys.readouterr().err


def test_chat_keeps_history(indexed_settings: Settings, env_for, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(indexed_settings)
    lines = iter(["What does a data analyst do?", "What tools do they use?", "/exit"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(lines))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    follow_up = out.split("What tools do they use?")[-1] if "What tools" in out else out
    assert out.count("Sources") == 2
    assert "Tableau" in out or "Looker" in out or "BigQuery" in out
    assert follow_up


def test_chat_streams_the_llm_answer(
    indexed_settings: Settings, env_for, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from tests.openai_stub import Reply, serve

    env_for(indexed_settings)
    lines = iter(["What does a data engineer do?", "/exit"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(lines))
    with serve() as stub:
        monkeypatch.setenv("CAREERBOT_LLM_BASE_URL", stub.base_url)
        stub.script(Reply("They build pipelines [2] and watch them [2].", chunks=6))
        assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert stub.last["stream"] is True
    assert "They build pipelines [1] and watch them [1]." in out
    assert out.count("[1] Data Engineer") == 1


def test_real_console_script(indexed_settings: Settings, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CAREERBOT_DATA_DIR": str(indexed_settings.data_dir),
        "CAREERBOT_CORPUS_DIR": str(indexed_settings.corpus_dir),
    }
    exe = Path(sys.executable).parent / "careerbot"
    done = subprocess.run(
        [str(exe), "--help"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0 and "ingest" in done.stdout
    done = subprocess.run(
        [str(exe), "ask", "--json", "What skills does a data scientist need?"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sources"][0]["role"] == "data-scientist"


def test_ingest_dry_run_and_flag_mistakes(fake_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(fake_settings)
    assert main(["ingest", "--dry-run", "--json"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert planned["dry_run"] is True and planned["added"] == 3
    assert not fake_settings.data_dir.exists()
    assert main(["ingest", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "(dry run)" in out and "data-engineer.md" in out
    assert main(["ingest", "--watch", "--dry-run"]) == 1
    assert "--watch cannot be combined" in capsys.readouterr().err


# --- compare and fit -------------------------------------------------------------------


def test_compare_json(bundled_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(bundled_settings)
    argv = ["compare", "data-engineer", "DS", "--aspect", "salary", "--aspect", "tools", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["route"] == "compare"
    assert data["roles"] == ["data-engineer", "data-scientist"]
    rows = [line for line in data["answer"].splitlines() if line.startswith("|")]
    assert rows[0].startswith("| Aspect | Data Engineer | Data Scientist |")
    assert [r.split("|")[1].strip() for r in rows[2:]] == ["**Salary and outlook**", "**Tools**"]
    assert {s["role"] for s in data["sources"]} == {"data-engineer", "data-scientist"}


def test_compare_prints_a_table_and_sources(bundled_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(bundled_settings)
    assert main(["compare", "data-analyst", "analytics-engineer"]) == 0
    out = capsys.readouterr().out
    assert "Aspect" in out and "Salary and outlook" in out
    assert "Sources" in out and "Analytics Engineer" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", "data-engineer", "analytics-enginer"], "Did you mean Analytics Engineer?"),
        (["compare", "data-engineer", "data-scientist", "--aspect", "vibes"], "Valid aspects"),
        (["compare", "data-engineer"], "2 to 4 different roles"),
        (["fit", " "], "describe yourself"),
    ],
)
def test_compare_and_fit_mistakes_are_one_line(
    bundled_settings: Settings,
    env_for,
    capsys,
    argv,
    message,  # type: ignore[no-untyped-def]
) -> None:
    env_for(bundled_settings)
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_fit_json(bundled_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(bundled_settings)
    assert main(["fit", "I love building data pipelines with Spark and Airflow", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["route"] == "fit" and len(data["roles"]) == 3
    assert data["roles"][0] == "data-engineer"
    assert "First steps" in data["answer"] and data["sources"]


def test_chat_compares_and_fits(bundled_settings: Settings, env_for, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    env_for(bundled_settings)
    lines = iter(
        [
            "What tools do data engineers use?",
            "and how do they compare with data analysts?",
            "I enjoy statistics and experiments and I know SQL; which role fits me?",
            "/exit",
        ]
    )
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(lines))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    comparison, fit = out.split("Sources")[1:3]
    assert "Aspect" in comparison and "Data Analyst" in comparison and "Data Engineer" in comparison
    assert "Why it fits" in fit and "Data Scientist" in fit


def test_ui_refuses_the_network_without_a_login(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["ui", "--host", "0.0.0.0"]) == 1
    err = capsys.readouterr().err
    assert "CAREERBOT_AUTH" in err and "Traceback" not in err


def test_chats_export_and_feedback_export(fake_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.evaluate import load_evalset
    from bot.storage.conversations import ConversationStore
    from bot.storage.feedback import Feedback, FeedbackStore

    env_for(fake_settings)
    assert main(["feedback", "export"]) == 0
    assert "No thumbs-down feedback yet" in capsys.readouterr().err
    answer = {
        "answer": "They build pipelines [1].",
        "sources": [{"title": "Data Engineer", "section": "DE > Overview", "source": "de.md"}],
        "mode": "offline",
        "route": "answer",
        "roles": ["data-engineer"],
    }
    messages = [
        {"role": "user", "content": "What does a data engineer do?"},
        {"role": "assistant", "content": answer["answer"], "answer": answer},
    ]
    chat = ConversationStore(fake_settings.sql_url).create("user:alice", messages)
    FeedbackStore(fake_settings.sql_url).record(
        Feedback("user:alice", chat.id, 1, "down", messages[0]["content"], answer, reason="wrong")
    )

    assert main(["chats"]) == 0
    listed = capsys.readouterr().out
    assert (
        chat.id in listed and "user:alice" in listed and "What does a data engineer do?" in listed
    )

    assert main(["export", chat.id]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# What does a data engineer do?") and "1. Data Engineer" in markdown
    assert main(["export", "nope"]) == 1
    assert "No saved conversation with id 'nope'" in capsys.readouterr().err

    cases = fake_settings.data_dir / "cases.yaml"
    assert main(["feedback", "export", "--out", str(cases)]) == 0
    [case] = load_evalset(cases)
    assert case.question == "What does a data engineer do?" and case.roles == ("data-engineer",)


HEAVY = ("torch", "transformers", "sentence_transformers", "langchain_huggingface")
ASK_AND_LIST_MODULES = (
    "import json, sys\n"
    "from ui.cli import main\n"
    "code = main(['ask', '--json', 'What skills does a data scientist need?'])\n"
    f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    "sys.exit(code)\n"
)


@pytest.mark.slow
def test_one_shot_ask_with_onnx_imports_no_torch(
    indexed_settings: Settings, onnx_cache: Path
) -> None:
    """A fresh process answering one question with the onnx backend (real model, real
    Chroma, the index built by torch: same vectors) never imports torch or transformers."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")},
        "CAREERBOT_DATA_DIR": str(indexed_settings.data_dir),
        "CAREERBOT_CORPUS_DIR": str(indexed_settings.corpus_dir),
        "CAREERBOT_EMBEDDING_BACKEND": "onnx",
        "CAREERBOT_ONNX_CACHE_DIR": str(onnx_cache),
    }
    done = subprocess.run(
        [sys.executable, "-c", ASK_AND_LIST_MODULES],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    answer, imported = done.stdout.strip().rsplit("\n", 1)
    assert json.loads(answer)["sources"][0]["role"] == "data-scientist"
    assert json.loads(imported) == []


def test_ask_with_invalid_unicode_is_one_line(indexed_settings: Settings, env_for, capsys) -> None:  # type: ignore[no-untyped-def]
    # "\xff" on the command line reaches Python as the lone surrogate "\udcff".
    env_for(indexed_settings)
    assert main(["ask", "what does a data \udcff engineer do"]) == 1
    err = capsys.readouterr().err
    assert "not valid text" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
