"""The replies of the act route (bot/routes/act.py): no guide quoted, the roles named."""

from __future__ import annotations

from bot.core.results import Passage, Source
from bot.routes.act import (
    act_reply,
    cited_in,
    claim_of,
    other_language,
    reasons_for,
    why_reply,
    why_unreasoned,
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


def test_the_suggested_questions_take_the_article_of_their_role() -> None:
    """The bundled catalogue lists the AI Engineer first: its chips say "an", not "a"."""
    chips = act_reply("greeting", bundled_catalog()).suggestions
    assert chips[0] == "What does an AI Engineer do?"
    assert chips[1] == "How does an AI Engineer compare with an Analytics Engineer?"


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
    reply = why_reply(FIT, [SKILLS, TOOLS], bundled_catalog(), route="fit")
    assert reply is not None and (reply.route, reply.intent) == ("act", "why")
    first = reply.text.splitlines()[0]
    assert (
        first.startswith("I said “Your best fit is Data Analyst") and "Data Analyst guide" in first
    )
    # The reasons are the recommended role's, quoted from its guide and cited; the runner-up
    # is not why Data Analyst came first.
    assert "“A data analyst needs accurate SQL and spreadsheet work.” [1]" in reply.text
    assert reply.sources == [SKILLS] and "toolkit" not in reply.text


def test_why_after_an_answer_without_markers_quotes_the_role_it_named() -> None:
    # A history written elsewhere (no markers): its claim shares words with several guides.
    # The role the answer leads with decides which guide's line is the reason; before, the
    # nearest source by words alone could be another role's (the tools line here).
    said = "**Data Engineer** fits you best: the guide describes SQL and spreadsheet work."
    reply = why_reply(said, [SKILLS, TOOLS], bundled_catalog(), numbered=False, route="fit")
    assert reply is not None and reply.sources == [TOOLS]
    assert "Data Engineer guide" in reply.text and "Data Analyst" not in reply.text


def test_why_after_a_paraphrased_ranking_quotes_the_guides_own_sentence() -> None:
    said = "**Data scientists grow fastest**: +34% [1].\n\n1. **Data Scientist**: +34% [1]"
    reply = why_reply(said, [PAY], bundled_catalog(), route="overview", verdict="grow fastest")
    assert reply is not None
    # Not the answer's own words again: the guide's sentence the figure comes from, even
    # where the snippet was cut short in it.
    assert "“Employment of data scientists is projected to grow 34 percent from 2024 to…” [1]" in (
        reply.text
    )
    assert "+34%, " not in reply.text.split("\n", 1)[1]


def test_why_after_a_plain_fact_says_it_had_no_reasoning_and_gives_its_source() -> None:
    # A fact the guides state is not a judgement: "why?" says so plainly (s12-acts), then
    # where it comes from, instead of presenting the guide's line as a reason.
    said = "A data engineer's toolkit centres on a cloud data platform and an orchestrator. [1]"
    reply = why_reply(said, [TOOLS], bundled_catalog())
    assert reply is not None
    assert reply.text.startswith("That answer gave no reasoning of its own")
    assert "It comes from the Data Engineer guide, under “Tools and tech stack”" in reply.text
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


# ---- s12-acts: "why?" explains from the answer's own evidence ------------------------------

STEPS = Source(
    "data-analyst",
    "Data Analyst",
    "Data Analyst > How to get started",
    "data-analyst.md",
    0.6,
    "Start with spreadsheets and SQL, then build a portfolio of three analyses.",
)


def test_why_after_a_fit_gives_its_evidence_not_its_first_steps() -> None:
    # The first steps are advice that follows the fit, not why the role fits.
    fit = FIT.replace(
        "work. [1]\n\n",
        "work. [1]\n- First steps: Start with spreadsheets and SQL, then build a portfolio of "
        "three analyses. [3]\n\n",
    )
    reply = why_reply(fit, [SKILLS, TOOLS, STEPS], bundled_catalog(), route="fit")
    assert reply is not None and reply.sources == [SKILLS]
    assert "portfolio" not in reply.text


def test_a_line_quoted_whole_where_the_snippet_was_cut_is_quoted_whole() -> None:
    # The answer quoted the whole sentence; the source's snippet ends inside it ("…").
    said = (
        "Your best fit is **Data Scientist**.\n\n**1. Data Scientist**\n- Why it fits: "
        "Employment of data scientists is projected to grow 34 percent from 2024 to 2034, much "
        "faster than average. [1]"
    )
    reply = why_reply(said, [PAY], bundled_catalog(), route="fit")
    assert reply is not None
    whole = "“Employment of data scientists is projected to grow 34 percent from 2024 to 2034"
    assert whole in reply.text


def test_a_guide_line_cited_twice_is_a_reason_once() -> None:
    # A verdict cites its figure and the table under it cites the same passage again, once
    # quoted whole and once as the snippet's cut line.
    said = (
        "**Data scientists earn more**: $112,590 [1].\n\n"
        "| Salary | Employment of data scientists is projected to grow 34 percent from 2024 to "
        "2034. [1] |"
    )
    reply = why_reply(said, [PAY], bundled_catalog(), route="compare", verdict="earn more")
    assert reply is not None
    assert reply.text.count("[1]") == 2  # the two lines of that guide, not three


def test_a_paraphrased_figure_is_explained_by_the_guides_sentence_that_holds_it() -> None:
    said = "**Data scientists pay best**: $112,590 a year in the median [1]."
    guide = Source(
        "data-scientist",
        "Data Scientist",
        "Data Scientist > Salary and job outlook",
        "data-scientist.md",
        0.8,
        "A year in the job brings a median rise for most data scientists. Data scientists "
        "earned a median of $112,590 in May 2024.",
    )
    reply = why_reply(said, [guide], bundled_catalog(), route="overview", verdict="pay best")
    assert reply is not None
    assert "“Data scientists earned a median of $112,590 in May 2024.” [1]" in reply.text


def test_the_whole_passage_is_quoted_when_the_answer_kept_it() -> None:
    whole = (
        "Data scientists earned a median of $112,590 in May 2024. - Employment of data "
        "scientists is projected to grow 34 percent from 2024 to 2034."
    )
    passage = Passage("p1", whole, "data-scientist", "Data Scientist", PAY.section,
                      "Salary and job outlook", PAY.source, 0, 0.8)  # fmt: skip
    said = "**Data scientists grow fastest**: +34% [1]."
    reply = why_reply(
        said, [PAY], bundled_catalog(), route="overview", verdict="x", passages=[passage]
    )
    assert reply is not None and "from 2024 to 2034.” [1]" in reply.text


def test_why_after_an_answer_that_drew_on_no_guide_says_so_and_names_the_guides() -> None:
    reply = why_unreasoned(bundled_catalog())
    assert (reply.route, reply.intent, reply.sources) == ("act", "why", [])
    assert "did not rest on the guides, so there is no reasoning" in reply.text
    assert "Data Engineer" in reply.text and reply.suggestions
