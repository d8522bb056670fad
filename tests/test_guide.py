"""The guide view: the real loader over the fixture corpus, the cited passage marked."""

from __future__ import annotations

import re

import pytest

from bot.core.settings import Settings
from ui.guide import GuideViewError, guide_view, highlight


def test_the_cited_passage_is_marked_whatever_its_whitespace(fake_settings: Settings) -> None:
    text = (fake_settings.corpus_dir / "data-engineer.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    line = next(line for line in body.splitlines() if len(line.split()) > 8)
    view = guide_view(fake_settings, "data-engineer.md", " ".join(line.split()[:10]) + "…")
    assert view.found and view.title == "Data Engineer"
    assert '<mark class="cited">' in view.markdown
    assert view.markdown.count("<mark") >= 1 and "---" not in view.markdown[:5]


def test_marks_stay_inside_lists_and_guide_html_stays_inert() -> None:
    text = "# T\n\n- first <img src=x onerror=y> item is long\n- second\n\nOther."
    marked, found = highlight(text, "first <img src=x onerror=y> item is long second")
    assert found
    assert '- <mark class="cited">first &lt;img src=x onerror=y> item is long</mark>' in marked
    assert '- <mark class="cited">second</mark>' in marked and "<img" not in marked
    assert highlight(text, "words that are not there at all") == (text.replace("<", "&lt;"), False)


def test_only_guides_in_the_library_open(fake_settings: Settings) -> None:
    with pytest.raises(GuideViewError, match="not in the library"):
        guide_view(fake_settings, "../../etc/passwd", "x")
    with pytest.raises(GuideViewError, match="removed from the library"):
        guide_view(fake_settings, "missing.md", "x")


def test_quoted_sentences_are_marked_inside_the_lightly_marked_passage() -> None:
    text = (
        "# Data Engineer\n\nData engineers build pipelines that move data.\nThey own the\n"
        "warehouse and its *cost*. Nobody else does.\n\n| Tools | Airflow runs jobs. |\n"
        "\nData engineers build pipelines that move data."
    )
    quotes = ["They own the warehouse and its cost.", "Airflow runs jobs."]
    marked, found = highlight(text, "Data engineers build pipelines that move data.", quotes)
    assert found
    strong = re.findall(r'<mark class="quoted">(.*?)</mark>', marked)
    words = re.findall(r"\w+", " ".join(strong))
    assert words == re.findall(r"\w+", "They own the warehouse and its cost. Airflow runs jobs.")
    # The passage's line is marked lightly; a table row is never wrapped (it would break).
    assert marked.count('<mark class="cited">') == 1
    assert '| Tools | <mark class="quoted">Airflow runs jobs</mark>. |' in marked
    # A sentence the guide repeats is marked once, next to the cited passage.
    assert marked.rstrip().endswith("Data engineers build pipelines that move data.")
