"""Criteria (bot/routes/criteria.py): what an all-role question weighs the roles on, denials
of it, and every role ranked by its own guide's sentences with the real model."""

from __future__ import annotations

import pytest

from bot.core.results import Passage
from bot.routes.criteria import (
    about_other_role,
    clean_criterion,
    criterion_words,
    denies,
    level,
    own_sentences_of,
    rank_by_evidence,
    stems_of,
    without_thing,
)
from bot.routes.selection import Candidate, Selector
from tests.guides import bundled_catalog


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        ("Go through every role and tell me how remote-friendly it is", "remote-friendly"),
        ("How much statistics does each role need?", "statistics"),
        ("Summarise interview prep for each role", "interview prep"),
        ("Which role involves the most coding?", "coding"),
        ("Which suits a people person?", "people person"),
        ("Walk me through the career progression of each job", "career progression"),
        (
            "Rank the roles by how much they deal with business stakeholders",
            "deal with business stakeholders",
        ),
        # the kind of answer asked for is framing too, not what it is about
        ("I'd like a rundown of the certifications across the roles", "certifications"),
        ("Can you give me a summary of the tools for each job?", "tools"),
    ],
)
def test_the_criterion_is_the_question_without_its_scaffolding(
    bundled_bot, question: str, criterion: str
) -> None:  # type: ignore[no-untyped-def]
    assert criterion_words(question, bundled_bot.catalog) == criterion


def test_the_person_and_the_degree_are_not_the_criterion() -> None:
    assert clean_criterion("a fan of data modelling") == "data modelling"
    assert clean_criterion("someone who loves talking to people") == "talking to people"
    assert clean_criterion("heavily on statistics and experiments") == "statistics and experiments"
    assert clean_criterion("remote work") == "remote work"


def test_stems_find_the_word_in_any_form() -> None:
    assert stems_of("coding") == ["cod"] and stems_of("maths") == ["math"]
    assert stems_of("without a degree") == ["degree"]  # the denial word is not the thing
    assert without_thing("without a degree") == "degree" and without_thing("maths") == ""


@pytest.mark.parametrize(
    ("sentence", "criterion", "denied"),
    [
        ("It needs a working grasp of models, but not the mathematical depth of a researcher.",
         "maths", True),
        ("A master's degree is rarely required for MLOps work.", "degree", True),
        ("A computer science degree helps but is not strictly required.", "degree", True),
        ("Employers increasingly hire people without a relevant degree.", "degree", True),
        ("Analysts rarely write production code.", "coding", True),
        # a denial of two words ending near the criterion's word
        ("An engineer who ships products with models rather than researching or training them.",
         "training models", True),
        ("Build reusable models instead of one-off queries.", "queries", True),
        # a denial about other people is not about the role
        ("Clear writing helps explain incidents to people who do not read code.", "coding", False),
        ("Statistics and probability are the core of the job.", "statistics", False),
        ("Most data scientists hold at least a bachelor's degree.", "degree", False),
    ],
)  # fmt: skip
def test_a_denial_near_the_criterion(sentence: str, criterion: str, denied: bool) -> None:
    assert denies(sentence, criterion) is denied


def _candidates(role: str, sentences: list[str]) -> list[Candidate]:
    passage = Passage(f"{role}-1", " ".join(sentences), role, role, f"{role} > Skills",
                      "Skills", f"{role}.md", 0, 0.5)  # fmt: skip
    return [Candidate(s, passage, i) for i, s in enumerate(sentences)]


def test_roles_are_ranked_by_their_own_guides_sentences(real_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.core.settings import Settings
    from bot.index.embeddings import VectorCache, embeddings_for

    settings = Settings(data_dir=tmp_path / "data")
    selector = Selector(VectorCache(embeddings_for(settings)))
    sentences = {
        "numbers": _candidates("numbers", [
            "Statistics and probability are the core of the job.",
            "Hypothesis tests and regression come up every week.",
            "The team meets on Mondays.",
        ]),
        "pipes": _candidates("pipes", [
            "The job needs solid engineering, but not the statistical depth of a researcher.",
            "Pipelines move data between systems every night.",
            "The team meets on Mondays.",
        ]),
        "servers": _candidates("servers", [
            "Servers are patched on a schedule.",
            "Backups are tested every month.",
            "The team meets on Mondays.",
        ]),
    }  # fmt: skip
    most = rank_by_evidence("statistics", sentences, selector, less=False)
    assert most[0].role == "numbers"
    assert most[0].pick.text.startswith("Statistics") and not most[0].says_little
    least = rank_by_evidence("statistics", sentences, selector, less=True)
    # the guide that plays statistics down is the clearest evidence of "least", and its
    # line is the one that says so
    assert least[0].role == "pipes" and least[0].denied
    assert "not the statistical depth" in least[0].pick.text
    assert least[-1].role == "numbers"
    assert not level(most)


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        # who describes the set of roles, and how the question asks, are not the criterion
        ("Out of every job you list, which asks for the most cloud knowledge?", "cloud knowledge"),
        ("Which career spends most of its time on data quality checks?", "data quality checks"),
        ("What would each job's working hours look like?", "working hours"),
        ("Which of the careers you cover is most likely to want a PhD?", "PhD"),
        ("Which is the best fit for someone who wants to train neural networks?",
         "train neural networks"),
    ],
)  # fmt: skip
def test_the_question_s_own_framing_is_not_the_criterion(
    bundled_bot, question: str, criterion: str
) -> None:  # type: ignore[no-untyped-def]
    from bot.routes.overview import criterion_of_overview

    assert criterion_of_overview(question, bundled_bot.catalog) == criterion


def test_doing_without_counts_what_the_sentence_says_of_the_thing() -> None:
    from bot.routes.criteria import _without_sign, concedes

    stems = stems_of("degree")
    # conceded: asked for, then not what decides
    assert concedes("A degree is common in postings, but employers care more about SQL.", "degree")
    assert not concedes("Most of them hold a degree in a quantitative field.", "degree")
    # a higher level not needed says nothing of going without a degree at all
    said = "A master's degree is rarely required for this work."
    assert _without_sign(said, "degree", stems, denied=True) == 0.0
    assert _without_sign("No degree is required for the job.", "degree", stems, True) == 1.0
    assert _without_sign("Most of them hold a degree.", "degree", stems, False) == -1.0
    assert without_thing("which careers don't need a PhD") == "PhD"


def test_the_thing_is_read_in_the_guides_own_word(real_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.core.settings import Settings
    from bot.index.embeddings import VectorCache, embeddings_for
    from bot.routes.criteria import guides_word

    selector = Selector(VectorCache(embeddings_for(Settings(data_dir=tmp_path / "data"))))
    sentences = {
        "open": _candidates("open", [
            "A degree is not required: employers hire people who show the skills.",
            "The team meets on Mondays.",
        ]),
        "closed": _candidates("closed", [
            "Most of them hold at least a bachelor's degree.",
            "Servers are patched on a schedule.",
        ]),
    }  # fmt: skip
    # no guide says "diploma": the guides' nearest word stands for it
    assert guides_word("a university diploma", sentences, selector) == "a university degree"
    assert guides_word("a degree", sentences, selector) == "a degree"
    ranked = rank_by_evidence("without a diploma", sentences, selector, less=False)
    assert ranked[0].role == "open" and ranked[-1].score < 0


def test_a_guide_that_keeps_coming_back_to_it_and_spelt_out_acronyms(real_model, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.core.settings import Settings
    from bot.index.embeddings import VectorCache, embeddings_for
    from bot.routes.criteria import spelt_out

    texts = ["They build on large language models (LLMs) every day."]
    assert spelt_out("works with LLMs", texts) == "works with large language models (LLMs)"
    assert spelt_out("works with GPUs", texts) == "works with GPUs"
    selector = Selector(VectorCache(embeddings_for(Settings(data_dir=tmp_path / "data"))))
    sentences = {
        # one striking line on pipelines, nothing else
        "once": _candidates("once", [
            "You might love optimising complex data pipelines for speed.",
            "The team meets on Mondays.",
            "Reports go out on Fridays.",
            "Offices have standing desks.",
        ]),
        # pipelines, again and again
        "often": _candidates("often", [
            "They design batch pipelines and streaming pipelines.",
            "Pipelines move data between systems every night.",
            "They monitor data pipelines and fix broken loads.",
            "They test each pipeline before it ships.",
        ]),
    }  # fmt: skip
    ranked = rank_by_evidence("building data pipelines", sentences, selector, less=False)
    assert ranked[0].role == "often"


@pytest.mark.parametrize(
    ("sentence", "own", "criterion", "elsewhere"),
    [
        # Said of the role the sentence contrasts with: evidence for that role, not this one.
        ("This role differs from a traditional Data Scientist, whose main focus is typically "
         "on statistical modeling and hypothesis testing.",
         "software-engineer-data-science", "hypothesis testing", True),
        ("A software engineer in data science builds services, whereas a data scientist "
         "focuses on hypothesis testing.", "software-engineer-data-science", "hypothesis testing",
         True),
        # Said of the guide's own role, another one named only beside it.
        ("Unlike data scientists, data analysts rarely build predictive models.",
         "data-analyst", "predictive models", False),
        ("A data engineer works closely with data scientists on feature pipelines.",
         "data-engineer", "feature pipelines", False),
        ("The difference is that a machine learning engineer also needs statistics.",
         "machine-learning-engineer", "statistics", False),
        # No role named, or the criterion only inside a role's name.
        ("Data modelling covers dimensional models.", "data-engineer", "statistical modelling",
         False),
        ("Data scientists are often asked about it.", "data-engineer", "data", False),
    ],
)  # fmt: skip
def test_a_sentence_says_the_criterion_of_its_own_role_or_of_another(
    sentence: str, own: str, criterion: str, elsewhere: bool
) -> None:
    assert about_other_role(sentence, own, criterion, bundled_catalog()) is elsewhere


def test_a_guide_keeps_only_the_sentences_about_its_own_role() -> None:
    other = "This role differs from a data scientist, whose focus is hypothesis testing."
    own = "Software engineers in data science test code thoroughly."
    swe = "software-engineer-data-science"
    kept = own_sentences_of(
        {swe: _candidates(swe, [other, own]), "ds": _candidates("data-scientist", [other])},
        "hypothesis testing",
        bundled_catalog(),
    )
    assert [c.text for c in kept[swe]] == [own]
    # A guide with nothing else keeps what it has: it is still weighed and quoted.
    assert [c.text for c in kept["ds"]] == [other]
