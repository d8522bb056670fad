"""Citation renumbering: only what the answer cites, in order of first use, no dangling numbers."""

from bot.compose.citations import renumber, settled, strip_citations
from bot.index.retrieval import Passage


def passages(n: int) -> list[Passage]:
    return [
        Passage(
            id=f"p{i}",
            text=f"Passage text {i}.",
            role="data-engineer",
            title="Data Engineer",
            section=f"Data Engineer > Part {i}",
            part=f"Part {i}",
            source="data-engineer.md",
            seq=i,
            score=0.9 - i / 10,
        )
        for i in range(1, n + 1)
    ]


def test_renumbered_by_first_use_and_only_cited_sources_listed() -> None:
    found = passages(5)
    cited = renumber("Spark [4]. Airflow [2]. Spark again [4].", found)
    assert cited.text == "Spark [1]. Airflow [2]. Spark again [1]."
    assert [s.section for s in cited.sources] == [
        "Data Engineer > Part 4",
        "Data Engineer > Part 2",
    ]


def test_unknown_numbers_are_dropped_with_their_space() -> None:
    cited = renumber("Kafka [9]. Terraform [0]. SQL [2].", passages(3))
    assert cited.text == "Kafka. Terraform. SQL [1]."
    assert [s.section for s in cited.sources] == ["Data Engineer > Part 2"]


def test_lists_and_adjacent_markers() -> None:
    cited = renumber("A [3, 1]. B [1][3]. C [3; 7, 3].", passages(3))
    assert cited.text == "A [1, 2]. B [2][1]. C [1]."
    assert len(cited.sources) == 2


def test_no_citations_means_no_sources() -> None:
    cited = renumber("The guides do not cover that.", passages(3))
    assert cited.text == "The guides do not cover that." and cited.sources == []


def test_settled_holds_back_an_unclosed_marker() -> None:
    assert settled("Spark [1") == "Spark"
    assert settled("Spark [1] and Kafka [2, ") == "Spark [1] and Kafka"
    assert settled("Spark [1] and ") == "Spark [1] and"


def test_strip_citations_for_history() -> None:
    assert strip_citations("Airflow [1] and Spark [2, 3].") == "Airflow and Spark."
