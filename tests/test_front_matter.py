"""ingest.front_matter: a guide's YAML header, parsed with limits against hostile uploads."""

from __future__ import annotations

import pytest

from ingest.formats import UnreadableFileError
from ingest.front_matter import (
    MAX_ALIAS_CHARS,
    MAX_ALIASES,
    MAX_FRONT_MATTER_BYTES,
    MAX_NODES,
    aliases,
    split_front_matter,
)


def test_front_matter_and_body_are_split() -> None:
    parsed = split_front_matter("---\nrole: data-engineer\naliases: [DE]\n---\n# Data Engineer\n")
    assert parsed.meta == {"role": "data-engineer", "aliases": ["DE"]}
    assert parsed.body == "# Data Engineer\n" and parsed.warnings == []


def test_a_file_without_front_matter_is_all_body() -> None:
    parsed = split_front_matter("# Data Engineer\n\nText.")
    assert parsed.meta == {} and parsed.body == "# Data Engineer\n\nText."


def test_broken_yaml_ingests_with_defaults_and_a_warning() -> None:
    parsed = split_front_matter("---\nrole: [unclosed\n---\nbody")
    assert parsed.meta == {} and parsed.body == "body"
    assert parsed.warnings and parsed.warnings[0].startswith("broken front matter")


def test_a_list_is_not_a_mapping() -> None:
    parsed = split_front_matter("---\n- a\n- b\n---\nbody")
    assert parsed.meta == {} and parsed.warnings == [
        "front matter is not a mapping; using defaults"
    ]


def test_aliases_are_refused_before_they_expand() -> None:
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n"
    )
    with pytest.raises(UnreadableFileError, match="aliases"):
        split_front_matter(bomb)


def test_too_many_nodes_and_too_many_bytes_are_refused() -> None:
    many = "---\nitems: [" + ", ".join("1" for _ in range(MAX_NODES + 1)) + "]\n---\n"
    assert len(many.encode()) < MAX_FRONT_MATTER_BYTES
    with pytest.raises(UnreadableFileError, match="YAML nodes"):
        split_front_matter(many)
    big = "---\ntitle: " + "x" * (MAX_FRONT_MATTER_BYTES + 1) + "\n---\n"
    with pytest.raises(UnreadableFileError, match="larger than"):
        split_front_matter(big)


def test_aliases_entry_becomes_a_short_list_of_short_names() -> None:
    warnings: list[str] = []
    assert aliases("DE, data eng ,", warnings) == ["DE", "data eng"] and warnings == []
    assert aliases(None, warnings) == []
    assert aliases(["DE", {"nested": 1}, 7], warnings) == ["DE", "7"]
    assert warnings == ["aliases should be plain names; nested entries ignored"]


def test_long_many_and_wrong_typed_aliases_are_dropped_with_a_warning() -> None:
    warnings: list[str] = []
    assert aliases(["x" * (MAX_ALIAS_CHARS + 1), "DE"], warnings) == ["DE"]
    assert aliases([f"a{i}" for i in range(MAX_ALIASES + 5)], warnings) == [
        f"a{i}" for i in range(MAX_ALIASES)
    ]
    assert aliases({"a": 1}, warnings) == []
    assert len(warnings) == 3 and warnings[-1] == "aliases should be a list; ignored"
