"""Run every benchmark in turn: ``python -m bench`` (``make bench``).

python -m bench                 # all
python -m bench latency scale   # a selection, by module name

It closes with every target the benchmarks recorded: name, ratio, limit, yes/no.
"""

from __future__ import annotations

import importlib
import sys
import time

ORDER = [
    "coldstart",
    "throughput",
    "latency",
    "retrieval",
    "backends",
    "ui_load",
    "sessions",
    "hostile",
    "api",
    "scale",
    "firstrun",
]


def main(argv: list[str]) -> int:
    chosen = argv or ORDER
    unknown = [name for name in chosen if name not in ORDER]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(ORDER)}")
        return 2
    failed = []
    for name in chosen:
        start = time.perf_counter()
        print(f"\n### bench.{name}", flush=True)
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # one broken benchmark should not hide the others' figures
            failed.append(name)
            print(f"bench.{name} failed: {type(exc).__name__}: {exc}")
        print(f"### bench.{name}: {time.perf_counter() - start:.0f} s", flush=True)
    from bench.common import summary

    print("\n### targets")
    print(summary())
    if failed:
        print(f"failed, so their targets are missing: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
