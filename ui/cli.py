"""The ``careerbot`` command line. It adapts: parse flags, call ``bot``/``ingest``, render.

Heavy imports (torch, Chroma, Gradio) happen inside the commands, so ``careerbot --help``
stays instant.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# Light (no imports of its own): the error types every command's failures are caught by.
from bot.core.errors import CareerbotError
from ui.render import inert

if TYPE_CHECKING:
    from rich.console import Console

    from bot.core.results import Answer
    from bot.core.settings import Settings

app = typer.Typer(
    help="careerbot: career advice for data roles, answered from cited career guides.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@functools.cache
def out() -> Console:
    """Standard output's rich Console, made on first use.

    A function, not a module-level proxy object: importing rich is a good part of the time
    ``careerbot --help`` would otherwise take (bench/RESULTS.md, cold start), and a proxy that
    forwards attributes is not a Console to the code it is handed (``with Progress(console=...)``
    needs the real object's ``__enter__``; special methods are never looked up through
    ``__getattr__``). That broke every progress bar in a terminal.
    """
    from rich.console import Console

    return Console(highlight=False)


@functools.cache
def err() -> Console:
    """Standard error's rich Console, made on first use (progress bars and messages)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


class UserError(CareerbotError):
    """A mistake on the command line the user can fix; printed as one line."""


def write_out(text: str, output: Path | None, done: str) -> None:
    """``text`` to standard output, or to ``output`` with ``done`` said on stderr."""
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    err().print(done, markup=False)


def settings(**overrides: object) -> Settings:
    from pydantic import ValidationError

    from bot.core.settings import Settings

    try:
        base = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"CAREERBOT_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
            for e in exc.errors()
        )
        raise UserError(f"Invalid settings ({problems}).") from None
    changes = {k: v for k, v in overrides.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


@app.command()
def ingest(
    corpus: Annotated[Path | None, typer.Option(help="Corpus dir (default: settings).")] = None,
    full: Annotated[bool, typer.Option("--full", help="Re-embed every file.")] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the index and build it again from scratch.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; change nothing.")
    ] = False,
    watch: Annotated[
        bool, typer.Option("--watch", help="Keep running; re-ingest when the corpus changes.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    summary: Annotated[
        bool, typer.Option("--summary", help="Print the one-line summary, not the table.")
    ] = False,
) -> None:
    """Embed the corpus into the index; only new or changed files are embedded."""
    import ingest as ingest_pkg
    from ui.render import print_report, report_json

    if watch and (dry_run or rebuild):
        raise UserError("--watch cannot be combined with --dry-run or --rebuild.")
    config = settings(corpus_dir=corpus)

    def show(report: ingest_pkg.IngestReport) -> None:
        if as_json:
            out().print(report_json(report), markup=False, soft_wrap=True)
        elif summary:
            warnings = [f"warning: {w}" for w in report.warnings]
            for line in [*warnings, *report.not_indexed(), report.summary()]:
                out().print(inert(line), markup=False, soft_wrap=True)
        else:
            print_report(out(), report)

    if watch:
        from ingest.watch import watch as watch_corpus

        if not as_json:
            err().print(f"Watching {config.corpus_dir} (Ctrl-C to stop).", markup=False)
        watch_corpus(
            config,
            show,
            lambda exc: err().print(inert(f"careerbot: {exc}"), markup=False, soft_wrap=True),
        )
        return
    report = _with_progress(
        lambda p: ingest_pkg.run(config, full=full, dry_run=dry_run, rebuild=rebuild, progress=p),
        as_json or dry_run,
    )
    show(report)


index_app = typer.Typer(
    help="Check the index against its record store, or rebuild it.", no_args_is_help=True
)
app.add_typer(index_app, name="index")


@index_app.command("verify")
def index_verify(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Report drift between the record store and Chroma; exits 1 when there is any."""
    import json

    from ingest.verify import verify

    drift = verify(settings())
    if as_json:
        out().print(json.dumps(drift.to_dict()), markup=False, soft_wrap=True)
    else:
        out().print(inert(drift.summary()), markup=False, soft_wrap=True)
    if not drift.clean:
        raise typer.Exit(1)


@index_app.command("rebuild")
def index_rebuild(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Drop the index and embed the whole corpus again."""
    from ingest.pipeline import rebuild
    from ui.render import print_report, report_json

    config = settings()
    report = _with_progress(lambda p: rebuild(config, progress=p), as_json)
    if as_json:
        out().print(report_json(report), markup=False, soft_wrap=True)
    else:
        print_report(out(), report)


def _with_progress(job, quiet: bool):  # type: ignore[no-untyped-def]
    """Run ``job(progress)`` with a progress bar on stderr (kept off stdout for --json)."""
    if quiet or not err().is_terminal:
        return job(None)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    # Chunks done of total and the time left; transient: the bar is gone when the job ends.
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("chunks"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err(), transient=True) as bar:
        task = bar.add_task("Embedding", total=None)
        return job(lambda done, total: bar.update(task, completed=done, total=total))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Your question, in quotes.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Ask one question and print a cited answer."""
    from bot.chatbot import Chatbot
    from ui.render import answer_json, print_answer

    answer = Chatbot(settings()).ask(question)
    if as_json:
        out().print(answer_json(answer), markup=False, soft_wrap=True)
    else:
        print_answer(out(), answer)


@app.command()
def compare(
    roles: Annotated[
        list[str], typer.Argument(metavar="ROLE", help="Two to four role ids, titles or aliases.")
    ],
    aspect: Annotated[
        list[str] | None,
        typer.Option("--aspect", help="Only this aspect (repeatable): focus, salary, ..."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Compare roles side by side: a table of aspects x roles, every cell cited."""
    from bot.chatbot import Chatbot

    _print(Chatbot(settings()).compare(roles, aspect or None), as_json)


@app.command()
def fit(
    profile: Annotated[str, typer.Argument(help="What you enjoy and know, in quotes.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """The three roles that best match what you say about yourself, with first steps."""
    from bot.chatbot import Chatbot

    _print(Chatbot(settings()).fit(profile), as_json)


def _print(answer: Answer, as_json: bool) -> None:
    from ui.render import answer_json, print_answer

    if as_json:
        out().print(answer_json(answer), markup=False, soft_wrap=True)
    else:
        print_answer(out(), answer)


@app.command()
def chat() -> None:
    """A conversation in the terminal; follow-up questions keep their context."""
    from bot.chatbot import Chatbot
    from ui.errors import user_message
    from ui.render import print_stream

    bot = Chatbot(settings())
    history: list[dict[str, str]] = []
    out().print("careerbot: ask about data careers. Type /clear to start over, /exit to leave.")
    while True:
        try:
            question = input("\nyou> ").strip()
        except (EOFError, KeyboardInterrupt):
            out().print()
            return
        if question in {"/exit", "/quit"}:
            return
        if question == "/clear":
            history.clear()
            out().print("(conversation cleared)")
            continue
        if not question:
            continue
        out().print()
        try:
            # Printed as it arrives: an LLM's answer appears token by token.
            answer = print_stream(out(), bot.stream(question, history))
        except CareerbotError as exc:
            err().print(inert(f"careerbot: {user_message(exc, 'cli')}"), markup=False)
            continue
        if answer is None:
            continue
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.text},
        ]


@app.command()
def ui(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
    mcp: Annotated[
        bool, typer.Option("--mcp", help="Also serve ask, compare and fit as MCP tools.")
    ] = False,
) -> None:
    """Start the web app."""
    from ui.app import launch

    launch(settings(ui_host=host, ui_port=port, ui_mcp=mcp or None))


@app.command(name="serve-api")
def serve_api(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
) -> None:
    """Serve only the OpenAI-compatible API (/v1/models, /v1/chat/completions), no web app."""
    from ui.openai_api import serve

    serve(settings(ui_host=host, ui_port=port))


@app.command()
def chats(
    user: Annotated[str | None, typer.Option("--user", help="Only this login's chats.")] = None,
) -> None:
    """List saved conversations (id, owner, last change, title), newest first."""
    from bot.storage.conversations import ConversationStore
    from ui.markup import when

    rows = ConversationStore(settings().sql_url).all()
    if user is not None:
        rows = [(owner, s) for owner, s in rows if owner == f"user:{user}"]
    if not rows:
        err().print("No saved conversations.", markup=False)
        return
    for owner, summary in rows:
        line = f"{summary.id}  {owner}  {when(summary.updated_at)}  {summary.title}"
        out().print(inert(line), markup=False, soft_wrap=True)


@app.command()
def export(
    conversation: Annotated[
        str, typer.Argument(metavar="ID", help="A conversation id (see careerbot chats).")
    ],
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Export a saved conversation to Markdown, with citations and each answer's sources."""
    from bot.storage.conversations import ConversationStore
    from bot.storage.export import conversation_markdown

    chat = ConversationStore(settings().sql_url).get(None, conversation)
    if chat is None:
        raise UserError(f"No saved conversation with id '{conversation}' (see careerbot chats).")
    write_out(conversation_markdown(chat), output, f"Wrote {output}")


feedback_app = typer.Typer(help="Feedback people gave on answers.", no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def feedback_export(
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Thumbs-down answers as evaluation cases (bot/evalset.yaml format), for careerbot eval."""
    from bot.storage.feedback import FeedbackStore, evaluation_cases

    items = FeedbackStore(settings().sql_url).items("down")
    if not items:
        err().print("No thumbs-down feedback yet; nothing to export.", markup=False)
        return
    write_out(evaluation_cases(items), output, f"Wrote {len(items)} case(s) to {output}")


@app.command(name="eval")
def eval_(
    questions: Annotated[
        Path | None, typer.Option("--questions", help="Question set (default: the bundled one).")
    ] = None,
    foreign: Annotated[
        Path | None,
        typer.Option("--foreign", help="Guides written elsewhere (default: the test fixtures)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    dump: Annotated[
        Path | None,
        typer.Option("--dump", help="Also write every answer (text, sources, route, ...) as JSON."),
    ] = None,
    which: Annotated[
        str,
        typer.Option(
            "--set",
            help="dev (bot/evalset.yaml), heldout (bot/evalset_heldout.yaml), heldout2 "
            "(bot/evalset_heldout2.yaml), heldout3 (bot/evalset_heldout3.yaml), heldout4 "
            "(bot/evalset_heldout4.yaml), heldout5 (bot/evalset_heldout5.yaml), heldout6 "
            "(bot/evalset_heldout6.yaml), heldout7 (bot/evalset_heldout7.yaml), heldout8 "
            "(bot/evalset_heldout8.yaml), heldout9 (bot/evalset_heldout9.yaml) or all (the "
            "ten, side by side). Ignored with --questions.",
        ),
    ] = "all",
) -> None:
    """Score retrieval and advice on the question sets, each advice measure against its target."""
    import json
    import tempfile

    from bot.evaluate import FOREIGN, SETS, compare_sets, load_evalset, run_eval

    if questions is not None and not questions.is_file():
        raise UserError(f"Question set '{questions}' does not exist.")
    if which not in (*SETS, "all"):
        raise UserError(f"Unknown question set '{which}'; choose {', '.join(SETS)} or all.")
    if questions is not None:
        chosen = {"questions": load_evalset(questions)}
    else:
        names = SETS if which == "all" else (which,)
        chosen = {name: load_evalset(which=name) for name in names}
    config = settings()
    reports = {}
    with tempfile.TemporaryDirectory(prefix="careerbot-eval-") as workdir:
        bots = {}
        guides = foreign or FOREIGN_GUIDES
        everything = [i for items in chosen.values() for i in items]
        if any(i.corpus == FOREIGN for i in everything) and guides.is_dir():
            bots[FOREIGN] = _foreign_bot(config, guides, Path(workdir))
        for name, items in chosen.items():
            reports[name] = run_eval(config, items, bots=bots)
    if dump is not None:
        answers = [{"set": name, **answer} for name, r in reports.items() for answer in r.answers()]
        text = json.dumps(answers, indent=1, ensure_ascii=False) + "\n"
        dump.write_text(text, encoding="utf-8")
    # One set prints as before; several print each, then their shared measures side by side.
    if len(reports) == 1:
        (report,) = reports.values()
        if as_json:
            out().print(json.dumps(report.to_dict()), markup=False, soft_wrap=True)
        else:
            out().print(report.table(), markup=False)
        return
    if as_json:
        data: dict[str, Any] = {name: r.to_dict() for name, r in reports.items()}
        data["side_by_side"] = compare_sets(reports)
        out().print(json.dumps(data), markup=False, soft_wrap=True)
        return
    for name, report in reports.items():
        out().print(f"\n## {name} set ({len(report.results)} questions)\n", markup=False)
        out().print(report.table(), markup=False)
    out().print(_side_by_side(reports), markup=False)


def _side_by_side(reports: Mapping[str, Any]) -> str:
    """The sets' shared measures in one table: a column per set, then each held-out set's
    gap to dev."""
    from bot.evaluate import HELDOUT, compare_sets

    names = list(reports)
    gaps = [(n, "gap" if n == HELDOUT else f"gap_{n}") for n in names if n != "dev"]
    gaps = [g for g in gaps if "dev" in names]
    head = ["measure", *names, *(f"gap {n}" for n, _ in gaps)]
    lines = ["", "## dev beside held-out", "", "| " + " | ".join(head) + " |"]
    lines.append("|" + "---|" * len(head))
    for row in compare_sets(reports):
        cells = [_cell(row.get(n)) for n in names] + [_cell(row.get(key)) for _, key in gaps]
        lines.append(f"| {row['measure']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}"


# The fixture guides written in ordinary career-site prose (a checkout has them, a wheel not).
FOREIGN_GUIDES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "foreign"


def _foreign_bot(config: Settings, guides: Path, workdir: Path) -> Any:
    """A bot over the corpus plus ``guides``, indexed in ``workdir`` (never the user's index)."""
    from bot.chatbot import Chatbot
    from ingest.scratch import scratch_index

    return Chatbot(scratch_index(config, [config.corpus_dir, guides], workdir))


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become one line on stderr and a non-zero exit."""
    # Typer 0.29 vendors click as typer._click; its exceptions are not click's.
    from typer._click import exceptions as cli_errors

    from ui.errors import user_message

    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="careerbot", standalone_mode=False)
    except cli_errors.NoArgsIsHelpError as exc:
        err().print(exc.ctx.get_help() if exc.ctx else "", markup=False)
        return 2
    except cli_errors.UsageError as exc:
        err().print(f"careerbot: {exc.format_message()} (see careerbot --help)", markup=False)
        return 2
    except typer.Abort:
        return 130
    except CareerbotError as exc:
        err().print(inert(f"careerbot: {user_message(exc, 'cli')}"), markup=False, soft_wrap=True)
        return 1
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
