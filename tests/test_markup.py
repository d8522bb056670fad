"""Browser renderings: guide text is shown, never executed."""

from bot.core.results import Answer, Source
from ingest.library import GuideEntry
from ingest.report import FileResult, IngestReport
from ui.markup import (
    answer_text,
    inert,
    library_rows,
    linked_citations,
    mode_badge,
    reading_sources,
    removed_notice,
    report_markdown,
    sources_markdown,
    sources_title,
)

HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))'


def test_inert_leaves_no_tag_and_no_script_link() -> None:
    text = inert(HOSTILE)
    assert "<" not in text and "javascript:" not in text
    assert "&lt;script>" in text and "onerror" in text  # shown as text, not dropped
    assert inert("**bold** and [1] & more") == "**bold** and [1] &amp; more"


def test_answer_text_puts_notices_first_and_is_inert() -> None:
    answer = Answer(f"Quote {HOSTILE} [1]", notices=["Your question was cut."])
    text = answer_text(answer)
    assert text.index("Your question was cut.") < text.index("Quote")
    assert "<" not in text


def test_sources_panel_speaks_plainly_and_details_add_ids_and_scores() -> None:
    sources = [
        Source("data-engineer", "Data Engineer", "Data Engineer > Skills", "de.md", 0.612, "SQL."),
        Source("data-engineer", "Data <b>Engineer</b>", "DE > Tools", "de.md", 0.5, HOSTILE),
    ]
    panel = sources_markdown(sources)
    first, second = panel.split("\n\n")
    assert first == "**[1] Data Engineer** — Skills\n> SQL."
    assert "data-engineer" not in panel and "0.61" not in panel and "de.md" not in panel
    assert second.startswith("**[2]") and "<" not in second
    detailed = sources_markdown(sources, details=True).split("\n\n")[0]
    for part in ("`data-engineer`", "Skills", "relevance 0.61", "de.md", "> SQL."):
        assert part in detailed
    assert sources_title(sources) == (
        "Sources: 2 passages from Data Engineer, Data &lt;b>Engineer&lt;/b>"
    )
    assert sources_title(sources[:1]) == "Sources: 1 passage from Data Engineer"


def test_citations_carry_their_place_and_quote_and_stay_inert() -> None:
    sources = [
        Source("de", 'Data "Eng" | x', "DE > Tools", "de.md", 0.5, 'Spark <img onerror="x"> [2]'),
        Source("ds", "Data Scientist", "DS", "ds.md", 0.4, "Models."),
    ]
    text = linked_citations(inert("Pipelines [1]. Both [1, 2]. Link [3](x) and [9]."), sources, 4)
    # Source, then which marker of the answer it is (the guide view marks that quote).
    assert text.count('class="cite"') == 3 and 'href="#cite-4-2-2"' in text
    hint = text.split('title="', 1)[1].split('"', 1)[0]
    assert hint == "Data &quot;Eng&quot; &#124; x — Tools \u2016 “Pipelines”"
    assert "<img" not in text and "[3](x)" in text and "&#91;9&#93;" in text
    # Nothing quoted before a marker: the passage's opening stands in.
    alone = linked_citations("[2]", sources, 0)
    assert "“Models.”" in alone


def test_numbers_follow_reading_order_and_the_panel_matches() -> None:
    sources = [
        Source("de", "Data Engineer", "DE > Tools", "de.md", 0.9, "Spark."),
        Source("ds", "Data Scientist", "DS > Skills", "ds.md", 0.8, "Models."),
        Source("da", "Data Analyst", "DA", "da.md", 0.7, "Dashboards."),
    ]
    text = "Models come first. [2] Then Spark. [1] Models again. [2]"
    linked = linked_citations(text, sources, 1, removed={"ds.md"})
    shown = [m.split("&#93;")[0] for m in linked.split("&#91;")[1:]]
    assert shown == ["1", "2", "1"]  # [2] is read first, so it is shown as [1]
    # A removed guide's markers are plain text with the hint, not links to nothing.
    assert 'href="#cite-1-2-' not in linked and 'href="#cite-1-1-1"' in linked
    first = linked.split("</span>")[0]
    assert 'class="cite-removed"' in first and "(removed from the library)" in first
    assert removed_notice(sources, {"ds.md"}) == (
        "> Note: this answer cites “Data Scientist”; that guide was removed from the library since."
    )
    assert removed_notice(sources, set()) == ""
    ordered = reading_sources(text, sources)
    assert [s.title for s in ordered] == ["Data Scientist", "Data Engineer", "Data Analyst"]
    panel = sources_markdown(ordered, removed={"ds.md"})
    assert panel.startswith("**[1] Data Scientist** — Skills _(removed from the library)_")


def test_mode_badge_speaks_plainly_and_escapes() -> None:
    assert "offline" in mode_badge("offline") and "mode" not in mode_badge("offline").lower()[30:]
    assert "language model" in mode_badge("llm")
    assert "<x>" not in mode_badge("<x>")


def test_report_markdown_shows_changes_and_escapes_cells() -> None:
    report = IngestReport(
        files=[
            FileResult("a|b.md", "added", 3),
            FileResult("same.md", "unchanged", 2),
            FileResult("bad.md", "skipped", 0, "not <UTF-8>"),
        ],
        warnings=["c.md: broken front matter"],
    )
    text = report_markdown(report)
    assert "1 added" in text and "a\\|b.md" in text and "same.md" not in text
    assert "not &lt;UTF-8>" in text and "broken front matter" in text
    assert "already up to date" in report_markdown(IngestReport())


def test_library_rows() -> None:
    entries = [
        GuideEntry("a.md", "A", "a", 3, 0.0, "indexed"),
        GuideEntry("b.md", "b", "", 0, None, "unreadable", "binary file"),
    ]
    rows = library_rows(entries)
    assert rows[0][:4] == ["A", "a", "a.md", 3]
    assert rows[1][4] == "never" and rows[1][5] == "unreadable: binary file"
