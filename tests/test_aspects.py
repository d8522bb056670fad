"""Aspects named by a question."""

from bot.understand.aspects import aspects_named, by_id, compares_back, refers_back


def test_pay_words_name_the_salary_aspect() -> None:
    assert [a.id for a in aspects_named("Which pays more?")] == ["salary"]
    assert by_id("tools").label == "Tools"


def test_a_request_for_a_table_and_the_row_of_a_carried_topic() -> None:
    from bot.understand.aspects import aspects_for_intent, wants_table

    for text in ("Can you put those in a table?", "show them side by side", "tabulate that"):
        assert wants_table(text), text
    assert not wants_table("What tools do data engineers use at the table of a client?")
    assert [a.id for a in aspects_for_intent("salary")] == ["salary"]
    assert [a.id for a in aspects_for_intent("typical_day")] == ["responsibilities"]
    assert aspects_for_intent(None) == [] and aspects_for_intent("interview") == []


def test_stack_up_is_a_comparing_verb_not_the_tech_stack() -> None:
    """ "How do their skills stack up against that?" asks about skills only, wherever the
    phrasal verb stands; the tech stack is still read when it is a noun."""
    from bot.understand.aspects import without_pointer

    asked = without_pointer("how do a data analyst's skills stack up against that?")
    assert [a.id for a in aspects_named(asked)] == ["skills"]
    assert [a.id for a in aspects_named(without_pointer("their stack measures up?"))] == ["tools"]


def test_a_pointer_back_that_ranks_compares() -> None:
    for text in (
        "is that above or below what data engineers get?",
        "is it on par with a data analyst?",
        "is that ahead of analytics engineers?",
    ):
        assert compares_back(text) and refers_back(text), text
    # "that" as a determiner, or a verb that does not place one thing against another.
    assert not compares_back("is that role over-hyped?")
    assert not compares_back("does that cover the tools?")
