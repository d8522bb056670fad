"""Shared by the benchmarks: the machine's description, percentiles, and the results file.

Every benchmark prints its figures and appends one dated row to ``bench/RESULTS.md``, so a
figure is never quoted without the machine it was measured on.

A row may carry the targets it checks, and ``python -m bench`` closes with one table of
every target recorded in the run (name, ratio, limit, yes/no); that table is printed only,
the results file gets the rows alone::

    record(
        Row(
            "latency (offline ask)",
            {"ask p50": ms(ask), "floor p50": ms(floor)},
            targets=[
                Target.at_most("ask p50 <= 3x floor", ask / floor, 3),  # a ratio and its limit
                Target.at_least("ingest >= 0.8x raw encode", speed, 0.8),
                Target("0 errors", errors == 0, limit="0", figure=f"{errors} errors"),
            ],
        )
    )

A row with targets and no ``verdict`` gets its verdict column from them ("ask p50 <= 3x
floor 1.32x: yes"); a row with a ``verdict`` string and no targets works as before, and its
verdict is not in the summary table.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
ROOT = BENCH_DIR.parent
RUNS_HEADING = "## Runs"


def machine() -> str:
    """Cores and memory, as recorded with every row ("2 cores, 23.4 GiB")."""
    cores = os.cpu_count() or 0
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.1f} GiB"
    except (ValueError, OSError):
        memory = "memory unknown"
    return f"{cores} cores, {memory}, {platform.machine()}"


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: with few samples it is one of the measured values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def p50(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is the elapsed seconds."""
    box: list[float] = []
    start = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - start)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def rss_mib() -> float:
    """Current resident set size of this process (Linux /proc), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


@dataclass(frozen=True)
class Target:
    """One target of the issue tracker, as measured: does it hold, and by how much."""

    name: str  # "ask p50 <= 3x floor"
    holds: bool
    ratio: float | None = None  # the measured ratio; None for a target that is not one
    limit: str = ""  # the limit as printed: "<= 3x", ">= 0.8x", "0"
    figure: str = ""  # the figures behind it: "p50 11.5 ms vs floor 8.7 ms"

    @classmethod
    def at_most(cls, name: str, ratio: float, limit: float, figure: str = "") -> Target:
        return cls(name, ratio <= limit, ratio, f"<= {limit:g}x", figure)

    @classmethod
    def at_least(cls, name: str, ratio: float, limit: float, figure: str = "") -> Target:
        return cls(name, ratio >= limit, ratio, f">= {limit:g}x", figure)

    def measured(self) -> str:
        return "-" if self.ratio is None else f"{self.ratio:.2f}x"

    def verdict(self) -> str:
        shown = "" if self.ratio is None else f" {self.measured()}"
        return f"{self.name}{shown}: {'yes' if self.holds else 'NO'}"


@dataclass
class Row:
    benchmark: str
    figures: dict[str, str]
    verdict: str = ""  # e.g. "p50 <= 3x floor: yes"; from the targets when empty
    targets: list[Target] = field(default_factory=list)

    def verdict_text(self) -> str:
        return self.verdict or ", ".join(t.verdict() for t in self.targets)

    def markdown(self) -> str:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        figures = "; ".join(f"{k} {v}" for k, v in self.figures.items())
        return f"| {stamp} | {self.benchmark} | {machine()} | {figures} | {self.verdict_text()} |"


# Every target recorded in this process, in order, with its benchmark: the closing summary.
RECORDED: list[tuple[str, Target]] = []


def record(row: Row, path: Path = RESULTS) -> None:
    """Print the figures and append the row to the runs table of the results file."""
    print(f"\n== {row.benchmark} ({machine()})")
    for key, value in row.figures.items():
        print(f"  {key:<34} {value}")
    if row.verdict_text():
        print(f"  -> {row.verdict_text()}")
    RECORDED.extend((row.benchmark, target) for target in row.targets)
    if not path.exists() or RUNS_HEADING not in path.read_text(encoding="utf-8"):
        with path.open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n{RUNS_HEADING}\n\n| date | benchmark | machine | figures | targets |\n"
                "|---|---|---|---|---|\n"
            )
    with path.open("a", encoding="utf-8") as handle:
        handle.write(row.markdown() + "\n")


def verdict(checks: dict[str, bool]) -> str:
    return ", ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in checks.items())


def summary(recorded: Sequence[tuple[str, Target]] | None = None) -> str:
    """The closing table of ``python -m bench``: every target with its ratio and yes/no."""
    rows = list(RECORDED if recorded is None else recorded)
    if not rows:
        return "No targets recorded."
    table = [("target", "ratio", "limit", "holds", "figure")]
    table += [
        (t.name, t.measured(), t.limit or "-", "yes" if t.holds else "NO", t.figure)
        for _, t in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line[:4], widths, strict=True))
        + f"  {line[4]}".rstrip()
        for line in table
    ]
    held = sum(t.holds for _, t in rows)
    lines.append(f"{held} of {len(rows)} targets hold.")
    return "\n".join(lines)


BUNDLED_CORPUS = ROOT / "corpus"
WORK_DIR = ROOT / ".bench-data"  # indexes built by the benchmarks (git-ignored)


def bench_settings(name: str, corpus: Path = BUNDLED_CORPUS, **overrides: Any) -> Any:
    """Settings for a benchmark's own index, offline, never the user's data dir."""
    from bot.core.settings import Settings

    values: dict[str, Any] = {
        "data_dir": WORK_DIR / name,
        "corpus_dir": corpus,
        "llm_base_url": None,
        "embedding_model": "",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def indexed(name: str, corpus: Path = BUNDLED_CORPUS, **overrides: Any) -> Any:
    """``bench_settings`` with the corpus ingested (incrementally: reruns cost nothing)."""
    import ingest
    from bot.core.errors import IngestLockedError

    settings = bench_settings(name, corpus, **overrides)
    for _ in range(300):  # another benchmark may be ingesting the same index right now
        try:
            ingest.run(settings)
            return settings
        except IngestLockedError:
            time.sleep(2)
    raise RuntimeError(f"the benchmark index {name} stayed locked for 10 minutes")


def eval_questions() -> list[tuple[str, list[dict[str, str]]]]:
    """The evaluation's questions (with their histories): the benchmarks' question set."""
    from bot.evaluate import load_evalset

    return [(item.question, list(item.history)) for item in load_evalset()]
