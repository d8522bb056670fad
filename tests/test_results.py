"""bot.core.results: the Answer and Source an interface prints as JSON."""

from __future__ import annotations

import json

from bot import Answer as ExportedAnswer
from bot import Source as ExportedSource
from bot.core.results import Answer, Passage, Source

SOURCE = Source("data-engineer", "Data Engineer", "Skills", "data-engineer.md", 0.71, "SQL")


def test_the_package_exports_the_same_types() -> None:
    # DESIGN.md's `from bot import Answer, Source` must name these classes, not copies.
    assert ExportedAnswer is Answer and ExportedSource is Source


def test_an_answer_is_json_with_the_design_keys_and_without_passages() -> None:
    passage = Passage(
        "c1", "SQL and Spark", "data-engineer", "Data Engineer", "Skills", "", "x", 0, 0.7
    )
    answer = Answer("Spark [1].", sources=[SOURCE], roles=["data-engineer"], passages=[passage])
    printed = json.loads(json.dumps(answer.to_dict()))
    assert printed["answer"] == "Spark [1]." and printed["route"] == "answer"
    assert printed["mode"] == "offline" and printed["suggestions"] == []
    assert printed["sources"] == [
        {
            "role": "data-engineer",
            "title": "Data Engineer",
            "section": "Skills",
            "source": "data-engineer.md",
            "score": 0.71,
            "snippet": "SQL",
        }
    ]
    assert "passages" not in printed


def test_to_dict_copies_lists_so_the_printed_form_cannot_change_the_answer() -> None:
    answer = Answer("x", roles=["data-engineer"], suggestions=["And their salary?"])
    printed = answer.to_dict()
    printed["roles"].append("data-scientist")
    printed["suggestions"].clear()
    assert answer.roles == ["data-engineer"] and answer.suggestions == ["And their salary?"]
