"""Shared by the benchmarks: the machine's description, percentiles, and the results file.

Every benchmark prints its figures and appends one dated row to ``bench/RESULTS.md``, so a
figure is never quoted without the machine it was measured on.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass
class Row:
    benchmark: str
    figures: dict[str, str]
    verdict: str = ""  # e.g. "p50 <= 3x floor: yes"

    def markdown(self) -> str:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        figures = "; ".join(f"{k} {v}" for k, v in self.figures.items())
        return f"| {stamp} | {self.benchmark} | {machine()} | {figures} | {self.verdict} |"


def record(row: Row, path: Path = RESULTS) -> None:
    """Print the figures and append the row to the runs table of the results file."""
    print(f"\n== {row.benchmark} ({machine()})")
    for key, value in row.figures.items():
        print(f"  {key:<34} {value}")
    if row.verdict:
        print(f"  -> {row.verdict}")
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


BUNDLED_CORPUS = ROOT / "corpus"
WORK_DIR = ROOT / ".bench-data"  # indexes built by the benchmarks (git-ignored)


def bench_settings(name: str, corpus: Path = BUNDLED_CORPUS, **overrides: Any) -> Any:
    """Settings for a benchmark's own index, offline, never the user's data dir."""
    from bot.settings import Settings

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
    from bot.errors import IngestLockedError

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
