"""Hostile guides against the ingest's bounds: peak memory and chunks, against a floor.

Each ingest runs in a fresh process (``careerbot ingest --json`` with a private data dir,
the real embedding model), and its peak resident memory is read from the kernel when the
process ends (``os.wait4``). The floor is the ingest of the bundled corpus alone, measured
in the same run; the attack is the bundled corpus plus the five hostile guides of
``tests/hostile.py`` (one 1.9 MB word, a 1 MB line, lists nested 1,350 deep, 60,000
headings, HTML nested 20,000 deep). Before the bounds, one 1.9 MB word alone became 2,462
chunks and took the ingest to 1.3 GB.

    python -m bench.hostile
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import BUNDLED_CORPUS, WORK_DIR, Row, Target, record
from tests.hostile import write_hostile

TARGET_MEMORY_RATIO = 1.5  # hostile ingest's peak RSS <= this x the bundled corpus's
CAREERBOT = Path(sys.executable).parent / "careerbot"


def ingest_peak(corpus: Path, data_dir: Path) -> tuple[float, float, dict[str, Any]]:
    """Seconds, peak RSS in MiB and the JSON report of one fresh-process ingest."""
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERBOT_")}
    env.update(CAREERBOT_DATA_DIR=str(data_dir), CAREERBOT_CORPUS_DIR=str(corpus))
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(CAREERBOT), "ingest", "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise RuntimeError(f"ingest of {corpus} exited with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024, json.loads(out)


def main() -> None:
    work = WORK_DIR / "hostile"
    shutil.rmtree(work, ignore_errors=True)
    attack = work / "corpus"
    shutil.copytree(BUNDLED_CORPUS, attack)
    write_hostile(attack / "hostile")
    floor_s, floor_mib, floor = ingest_peak(BUNDLED_CORPUS, work / "floor-data")
    attack_s, attack_mib, report = ingest_peak(attack, work / "attack-data")
    hostile = {f["source"]: f for f in report["files"] if f["source"].startswith("hostile/")}
    most = max(f["chunks"] for f in hostile.values())
    ratio = attack_mib / floor_mib
    print(
        f"floor (bundled corpus): {floor['total_chunks']} chunks, peak {floor_mib:.0f} MiB, "
        f"{floor_s:.1f} s"
    )
    print(
        f"attack (+5 hostile guides): {report['total_chunks']} chunks, peak "
        f"{attack_mib:.0f} MiB ({ratio:.2f}x the floor), {attack_s:.1f} s"
    )
    for source, entry in sorted(hostile.items()):
        print(f"  {source}: {entry['status']}, {entry['chunks']} chunks {entry['reason']}")
    for warning in report["warnings"]:
        print(f"  warning: {warning}")
    record(
        Row(
            "hostile guides (ingest bounds)",
            {
                "floor peak": f"{floor_mib:.0f} MiB",
                "attack peak": f"{attack_mib:.0f} MiB",
                "most chunks of a hostile guide": str(most),
                "attack chunks": str(report["total_chunks"]),
            },
            targets=[
                Target.at_most(
                    f"peak RSS <= {TARGET_MEMORY_RATIO}x floor", ratio, TARGET_MEMORY_RATIO
                ),
                Target(
                    "chunks of a guide <= max_guide_chunks",
                    most <= 500,
                    limit="500",
                    figure=f"{most} chunks",
                ),
            ],
        )
    )


if __name__ == "__main__":
    main()
