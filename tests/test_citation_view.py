"""Opening a citation: the real guide loader over the fixture corpus, the quote marked."""

from __future__ import annotations

import pytest

from bot.core.results import Source
from bot.core.settings import Settings
from ui.citation_view import cited_guide, parse_key


def _source(settings: Settings) -> tuple[Source, str]:
    text = (settings.corpus_dir / "data-engineer.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    line = next(line.strip() for line in body.splitlines() if len(line.split()) > 8)
    sentence = line.split(". ")[0].rstrip(".") + "."
    return Source(
        "data-engineer", "Data Engineer", "Data Engineer > Overview", "data-engineer.md", 0.9, line
    ), sentence


def test_the_quoted_sentence_is_marked_and_the_number_is_the_shown_one(
    fake_settings: Settings,
) -> None:
    source, sentence = _source(fake_settings)
    other = Source("x", "X", "X", "x.md", 0.1, "Other.")
    # Saved source 2 is cited first, so it is shown as [1].
    view = cited_guide(fake_settings, f"{sentence} [2] Other. [1]", [other, source], 2, 0)
    assert not view.warning and "Cited [1]: Overview" in view.heading
    assert '<mark class="quoted">' in view.markdown


def test_a_removed_guide_says_so_by_name(fake_settings: Settings) -> None:
    source, sentence = _source(fake_settings)
    (fake_settings.corpus_dir / "data-engineer.md").unlink()
    view = cited_guide(fake_settings, f"{sentence} [1]", [source], 1, 0)
    assert view.warning == "“Data Engineer”: That guide was removed from the library."
    assert not view.markdown


@pytest.mark.parametrize("bad", ["", "x:1", "3"])
def test_keys_the_page_script_did_not_make_are_refused(bad: str) -> None:
    assert parse_key("3:1:1700000000") == (3, 1)
    with pytest.raises(ValueError):
        parse_key(bad)
