"""Hostile guides for the ingest bounds: each file fits ``max_file_bytes`` (2 MB) and is
built to cost as much as a file can: one huge word, a 1 MB single line, lists nested 1,350
deep, 60,000 headings, HTML nested 20,000 tags deep. Shared by ``tests/test_split.py`` and
``bench/hostile.py`` so the test and the benchmark attack with the same files."""

from __future__ import annotations

from pathlib import Path

FRONT = "---\nrole: {role}\ntitle: {title}\n---\n# {title}\n\n## Skills\n\n"


def hostile_guides() -> dict[str, str]:
    """File name -> text."""
    return {
        "one-word.md": FRONT.format(role="one-word", title="One Word") + "a" * 1_900_000 + "\n",
        "one-line.md": FRONT.format(role="one-line", title="One Line")
        + "data engineers build pipelines " * 33_000
        + "\n",
        "nested-lists.md": FRONT.format(role="nested-lists", title="Nested Lists")
        + "".join("  " * depth + f"- item {depth}\n" for depth in range(1_350)),
        "headings.md": FRONT.format(role="headings", title="Headings")
        + "".join(f"## Heading {n}\n\ntext {n}\n\n" for n in range(60_000)),
        "nested.html": "<html><body>"
        + "<div>" * 20_000
        + "deep"
        + "</div>" * 20_000
        + "</body></html>",
    }


def write_hostile(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in hostile_guides().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
