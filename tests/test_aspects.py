"""Aspects named by a question."""

from bot.understand.aspects import aspects_named, by_id


def test_pay_words_name_the_salary_aspect() -> None:
    assert [a.id for a in aspects_named("Which pays more?")] == ["salary"]
    assert by_id("tools").label == "Tools"
