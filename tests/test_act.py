"""The replies of the act route (bot/routes/act.py): no guide quoted, the roles named."""

from __future__ import annotations

from bot.core.results import Source
from bot.routes.act import (
    act_reply,
    cited_in,
    claim_of,
    other_language,
    reasons_for,
    why_reply,
    why_without_context,
)
from bot.routes.table import ROUTES
from bot.understand.language import english_only_line
from tests.guides import bundled_catalog


def test_every_act_has_a_reply_naming_what_careerbot_covers() -> None:
    catalog = bundled_catalog()
    for act in ("greeting", "capabilities", "thanks"):
        reply = act_reply(act, catalog)
        assert (reply.route, reply.intent, reply.sources) == ("act", act, [])
        assert "Data Engineer" in reply.text and reply.suggestions
    bye = act_reply("goodbye", catalog)
    assert bye.intent == "goodbye" and not bye.suggestions
    assert why_without_context(catalog).intent == "why"


def test_another_language_gets_its_line_then_the_roles() -> None:
    reply = other_language(english_only_line("de"), bundled_catalog())
    first, rest = reply.text.split("\n\n", 1)
    assert first == english_only_line("de") and "Data Scientist" in rest and reply.route == "act"


def test_the_new_kinds_of_answer_are_in_the_table() -> None:
    assert {"act", "overview", "plan"} <= set(ROUTES)


# ---- "why?" after an answer: its reasons, from the answer as the conversation holds it ----

SKILLS = Source(
    "data-analyst",
    "Data Analyst",
    "Data Analyst > Skills",
    "data-analyst.md",
    0.9,
    "A data analyst needs accurate SQL and spreadsheet work. Clear charts matter too.",
)
PAY = Source(
    "data-scientist",
    "Data Scientist",
    "Data Scientist > Salary and job outlook",
    "data-scientist.md",
    0.8,
    "Data scientists earned a median of $112,590 in May 2024. - Employment of data "
    "scientists is projected to grow 34 percent from 2024 to…",
)
TOOLS = Source(
    "data-engineer",
    "Data Engineer",
    "Data Engineer > Tools and tech stack",
    "data-engineer.md",
    0.7,
    "A data engineer's toolkit centres on a cloud data platform and an orchestrator.",
)
FIT = (
    "Your best fit is **Data Analyst**: it matches what you like (“SQL”).\n\n"
    "**1. Data Analyst**\n"
    "- Why it fits: A data analyst needs accurate SQL and spreadsheet work. [1]\n\n"
    "**2. Data Engineer**\n"
    "- Why it fits: A data engineer's toolkit centres on a cloud data platform and an "
    "orchestrator. [2]"
)


def test_the_stretches_an_answer_cites_are_read_with_their_markers() -> None:
    text = "> Note: read as Data Analyst.\n\nFirst line [1]. Second [2][3]\n| a | cell text [4] |"
    found = [(c.text, c.numbers) for c in cited_in(text)]
    assert found == [
        ("First line", (1,)),
        (". Second", (2,)),
        (". Second", (3,)),
        ("cell text", (4,)),
    ]
    assert claim_of(FIT) == "Your best fit is Data Analyst: it matches what you like (“SQL”)."


def test_why_after_a_fit_gives_the_lead_roles_reasons_cited() -> None:
    reply = why_reply(FIT, [SKILLS, TOOLS], bundled_catalog())
    assert reply is not None and (reply.route, reply.intent) == ("act", "why")
    first = reply.text.splitlines()[0]
    assert (
        first.startswith("I said “Your best fit is Data Analyst") and "Data Analyst guide" in first
    )
    # The reasons are the recommended role's, quoted from its guide and cited; the runner-up
    # is not why Data Analyst came first.
    assert "“A data analyst needs accurate SQL and spreadsheet work.” [1]" in reply.text
    assert reply.sources == [SKILLS] and "toolkit" not in reply.text


def test_why_after_a_paraphrased_ranking_quotes_the_guides_own_sentence() -> None:
    said = "**Data scientists grow fastest**: +34% [1].\n\n1. **Data Scientist**: +34% [1]"
    reply = why_reply(said, [PAY], bundled_catalog())
    assert reply is not None
    # Not the answer's own words again: the guide's sentence the figure comes from, even
    # where the snippet was cut short in it.
    assert "“Employment of data scientists is projected to grow 34 percent from 2024 to…” [1]" in (
        reply.text
    )
    assert "+34%, " not in reply.text.split("\n", 1)[1]


def test_why_after_a_plain_fact_says_where_it_comes_from() -> None:
    said = "A data engineer's toolkit centres on a cloud data platform and an orchestrator. [1]"
    reply = why_reply(said, [TOOLS], bundled_catalog())
    assert reply is not None
    assert reply.text.startswith(
        "That comes from the Data Engineer guide, under “Tools and tech stack”"
    )
    assert reply.text.endswith("[1]") and reply.sources == [TOOLS]


def test_an_answer_written_elsewhere_is_matched_to_its_sources_by_its_words() -> None:
    # An LLM's answer or a client's own history: its numbers need not be careerbot's.
    said = "Data analysts need accurate SQL and spreadsheet work [2]."
    reasons = reasons_for(said, [SKILLS, TOOLS], bundled_catalog(), numbered=False)
    assert [r.source for r in reasons] == [SKILLS]
    said = "Their toolkit is a cloud data platform with an orchestrator."
    unmarked = reasons_for(said, [SKILLS, TOOLS], bundled_catalog())
    assert [r.source for r in unmarked] == [TOOLS]


def test_nothing_to_explain_without_sources() -> None:
    assert why_reply("Hello! I'm careerbot.", [], bundled_catalog()) is None
