"""Which sentences each citation of an answer backs, and the order sources are read in."""

from ui.quotes import cites, plain, reading_order, renumbering, sentences


def test_a_marker_backs_the_run_of_sentences_since_the_previous_one() -> None:
    text = "Data engineers build pipelines. They own the warehouse. [2] SQL matters most. [1, 3]"
    found = cites(text)
    assert [c.source for c in found] == [2, 1, 3]
    assert found[0].quoted == "Data engineers build pipelines. They own the warehouse."
    assert found[1].quoted == found[2].quoted == "SQL matters most."
    assert sentences(found[0].quoted) == [
        "Data engineers build pipelines.",
        "They own the warehouse.",
    ]


def test_quotes_stop_at_lines_cells_and_leave_markdown_out() -> None:
    text = (
        "**Data Engineer**\n- Builds **batch** and streaming jobs. [1]\n"
        "| Tools | Airflow &amp; dbt run the jobs. [2] | Python &lt;3.12. [3] |"
    )
    found = cites(text)
    assert found[0].quoted == "Builds batch and streaming jobs."
    assert found[1].quoted == "Airflow & dbt run the jobs."
    assert found[2].quoted == "Python <3.12."
    assert plain("*a* `b` __c__") == "a b c"


def test_links_are_not_citations_and_reading_order_starts_at_one() -> None:
    text = "See [the guide](x). Pay is high. [8] Hours vary. [3] Pay again. [8] Odd [99]."
    assert [c.source for c in cites(text)] == [8, 3, 8, 99]
    assert reading_order(text, 9)[:2] == [8, 3]
    assert sorted(reading_order(text, 9)) == list(range(1, 10))
    numbers = renumbering(text, 9)
    assert numbers[8] == 1 and numbers[3] == 2 and sorted(numbers.values()) == list(range(1, 10))
