"""Understanding a turn: roles carried across turns (all of them for "the two"), the topic
carried by a bare follow-up, typos, and the person's profile. Pure: the bundled catalog,
no model."""

from bot.understand.conversation import roles_in_play, understand, user_turns, verdict_asked_before
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()
DA, DS, DE = "data-analyst", "data-scientist", "data-engineer"


def turn(question: str, *asked: str):  # type: ignore[no-untyped-def]
    history = []
    for earlier in asked:
        history += [{"role": "user", "content": earlier}, {"role": "assistant", "content": "…"}]
    return understand(question, history, lambda: CATALOG, 1000)


def test_they_keeps_the_last_role() -> None:
    assert turn("What tools do they use?", "What does a data engineer do?").earlier == [DE]


def test_the_two_keeps_both_roles_in_the_order_they_came_up() -> None:
    found = turn(
        "Which of the two needs more statistics?",
        "What does a data analyst do?",
        "And a data scientist?",
    )
    assert found.named == [] and found.earlier == [DA, DS]


def test_a_bare_follow_up_keeps_the_topic() -> None:
    found = turn("and for data scientists?", "What is the salary of a data engineer?")
    assert found.named == [DS]
    assert found.intent is not None and found.intent.id == "salary" and found.carried


def test_a_new_question_has_its_own_topic() -> None:
    found = turn("What tools do data scientists use?", "What is the salary of a data engineer?")
    assert found.intent is not None and found.intent.id == "tools" and not found.carried


def test_typos_in_roles_and_topics() -> None:
    found = turn("analitics engineer skils")
    assert found.named == ["analytics-engineer"]
    assert found.intent is not None and found.intent.id == "skills"
    assert found.question == "analitics engineer skils"  # what is shown stays as typed


def test_the_profile_gathers_every_user_turn() -> None:
    found = turn("Which role fits me?", "I know SQL and Python.", "I hate presenting.")
    assert found.profile.skills == ["SQL and Python"]
    assert found.profile.dislikes == ["presenting"]


def test_carried_roles_are_the_latest_the_person_named() -> None:
    catalog = CATALOG
    history = [
        {"role": "user", "content": "What does a data analyst do?"},
        {"role": "assistant", "content": "A data analyst ... unlike a data scientist ..."},
        {"role": "user", "content": "And a data engineer?"},
        {"role": "assistant", "content": "A data engineer builds pipelines."},
    ]
    asked = user_turns(history)
    assert roles_in_play("What tools do they use?", asked, catalog) == ["data-engineer"]
    assert roles_in_play("Which of the two pays more?", asked, catalog) == [
        "data-analyst",
        "data-engineer",
    ]
    assert roles_in_play("What tools do they use?", [], catalog) == []


def test_them_keeps_the_order_one_turn_named_its_roles_in() -> None:
    """ "Data engineer or data scientist?" then "compare them": the table's columns keep
    the order the person named the roles in, newest turn's roles after older ones."""
    assert turn("Compare them.", "Data engineer or data scientist, which suits me?").earlier == [
        DE,
        DS,
    ]
    found = turn("Which of the two pays more?", "Tell me about data analysts.",
                 "And data engineers or data scientists?")  # fmt: skip
    assert found.earlier[-2:] == [DE, DS] and found.earlier[0] == DA


TABLE_OF_TWO = (
    "**Data analysts earn less** [1][2].\n\n| Aspect | Data Analyst | Data Scientist |\n"
    "| --- | --- | --- |\n| **Salary and outlook** | $91,290 [1] | $112,590 [2] |"
)


def test_a_bare_follow_up_after_a_table_joins_the_comparison() -> None:
    """ "And data engineers?" after an answer that set two roles side by side adds the new
    role to them (the roles read from the table's own header, whoever wrote it); after an
    answer about one role the same words swap the role, as before."""
    history = [
        {"role": "user", "content": "How much do data analysts earn?"},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": "Is that more or less than data scientists make?"},
        {"role": "assistant", "content": TABLE_OF_TWO},
    ]
    found = understand("and data engineers?", history, lambda: CATALOG, 1000)
    assert found.extends and found.named == [DE] and found.earlier == [DA, DS]
    assert found.intent is not None and found.intent.id == "salary"
    plain = turn("and data engineers?", "How much do data analysts earn?")
    assert not plain.extends and plain.earlier == [DA]
    # A new question of its own after the table is not a bare follow-up.
    own = understand("What tools do data engineers use?", history, lambda: CATALOG, 1000)
    assert not own.extends


def test_a_verdict_asked_before_is_found_over_follow_ups_only() -> None:
    def asks(text: str) -> bool:
        return "more" in text

    assert verdict_asked_before(["who earns more, X or Y?", "and Z?"], asks)
    assert verdict_asked_before(["who earns more, X or Y?"], asks)
    # A question that stands on its own ends the look back.
    standing = "What tools do data engineers use in their daily work?"
    assert not verdict_asked_before(["who earns more, X or Y?", standing, "and Z?"], asks)
    assert not verdict_asked_before([], asks)
