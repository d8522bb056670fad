"""Front matter: the YAML block at the top of a guide -> a plain mapping, parsed with limits.

Guides come from anyone (the Library accepts uploads), and YAML can say a lot in a few bytes:
aliases (``*name``) reuse a node, so nine lists of nine aliases expand into 9**9 strings. A
517-byte guide built that way took 134 s and 3.2 GB to ingest. A guide's front matter needs
none of that, so this parser, PyYAML's safe loader with two guards, refuses it outright:

- aliases are refused when composed, before anything is expanded (anchors alone are harmless);
- the block is capped in bytes and in nodes, so no other construct can grow either.

Refused front matter makes the file "skipped" with the reason (``UnreadableFileError``):
unlike a typo, it was written to hurt, and defaults would index it anyway. Ordinary broken
YAML still ingests with defaults and a warning, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ingest.formats import UnreadableFileError

MAX_FRONT_MATTER_BYTES = 16_384
MAX_NODES = 2_000
MAX_ALIASES = 50  # names a guide may be asked by; more is noise in role resolution
MAX_ALIAS_CHARS = 80

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class FrontMatter:
    meta: dict[str, Any]
    body: str  # the text after the front matter (all of it when there is none)
    warnings: list[str] = field(default_factory=list)


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and counts nodes while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise UnreadableFileError(
                "front matter uses YAML aliases (*name), which a guide never needs"
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise UnreadableFileError(f"front matter has more than {MAX_NODES:,} YAML nodes")
        return super().compose_node(parent, index)


def split_front_matter(text: str) -> FrontMatter:
    """Front matter mapping and body; raises ``UnreadableFileError`` for a hostile block."""
    match = _FRONT.match(text)
    if not match:
        return FrontMatter({}, text)
    body = text[match.end() :]
    block = match.group(1)
    if len(block.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise UnreadableFileError(f"front matter is larger than {MAX_FRONT_MATTER_BYTES:,} bytes")
    try:
        loaded = yaml.load(block, Loader=_GuardedLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        return FrontMatter({}, body, [f"broken front matter ({first}); using defaults"])
    if not isinstance(loaded, dict):
        return FrontMatter({}, body, ["front matter is not a mapping; using defaults"])
    return FrontMatter(loaded, body)


def aliases(value: object, warnings: list[str]) -> list[str]:
    """The ``aliases`` entry as a short list of short strings (nested values are dropped)."""
    if value is None:
        return []
    if isinstance(value, str):
        items = [a.strip() for a in value.split(",")]
    elif isinstance(value, list):
        items = [str(a).strip() for a in value if isinstance(a, str | int | float)]
        if len(items) < len(value):
            warnings.append("aliases should be plain names; nested entries ignored")
    else:
        warnings.append("aliases should be a list; ignored")
        return []
    items = [a for a in items if a]
    long = [a for a in items if len(a) > MAX_ALIAS_CHARS]
    if long:
        warnings.append(f"{len(long)} aliases longer than {MAX_ALIAS_CHARS} characters ignored")
        items = [a for a in items if len(a) <= MAX_ALIAS_CHARS]
    if len(items) > MAX_ALIASES:
        warnings.append(f"{len(items)} aliases; only the first {MAX_ALIASES} are used")
        items = items[:MAX_ALIASES]
    return items
