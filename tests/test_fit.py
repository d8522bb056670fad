"""Role fit on the bundled guides with the real model: rankings on constructed profiles, and
answers that quote why each role fits and its first steps, every quote cited."""

from __future__ import annotations

import re

import pytest

from bot import Answer, Chatbot
from bot.routes.fit import TOP_ROLES, candidates, rank

DE, DS, DA = "data-engineer", "data-scientist", "data-analyst"
CITATION = re.compile(r"\[(\d+)\]")


def ranking(bot: Chatbot, profile: str) -> list[str]:
    return [m.role for m in rank(bot.store, bot.vectors, bot.catalog, profile)]


@pytest.mark.parametrize(
    ("profile", "above", "below"),
    [
        ("I enjoy statistics and experiments and I know SQL", DS, DE),
        ("I like designing A/B tests and building predictive models", DS, DE),
        ("I love building data pipelines with Spark and Airflow", DE, DS),
        ("I enjoy streaming with Kafka, orchestration and keeping a data platform running", DE, DS),
        ("I like building dashboards in Tableau and explaining numbers to managers", DA, DE),
    ],
)
def test_profiles_rank_the_matching_role_higher(
    bundled_bot: Chatbot, profile: str, above: str, below: str
) -> None:
    order = ranking(bundled_bot, profile)
    assert sorted(order) == sorted(bundled_bot.catalog.roles)  # every role is ranked
    assert order.index(above) < order.index(below)


@pytest.mark.parametrize(
    ("profile", "best"),
    [
        ("I enjoy statistics and experiments and I know SQL; which role fits me?", DS),
        ("I love building data pipelines with Spark and Airflow. What should I do?", DE),
        ("I love dbt and turning messy SQL into clean, tested data models", "analytics-engineer"),
        ("I enjoy writing prompts and building chatbots on LLMs", "ai-engineer"),
    ],
)
def test_fit_answer_leads_with_the_best_role(bundled_bot: Chatbot, profile: str, best: str) -> None:
    answer = bundled_bot.fit(profile)
    assert answer.route == "fit"
    assert answer.roles[0] == best


def blocks(answer: Answer) -> list[str]:
    return [p for p in answer.text.split("\n\n") if p.startswith("**")]


def test_each_role_explained_and_cited_from_its_own_guide(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.fit("I enjoy statistics and experiments and I know SQL")
    assert len(answer.roles) == TOP_ROLES == len(blocks(answer))
    numbers = {int(n) for n in CITATION.findall(answer.text)}
    assert numbers == set(range(1, len(answer.sources) + 1))
    for role, block in zip(answer.roles, blocks(answer), strict=True):
        assert bundled_bot.catalog.title(role) in block.splitlines()[0]
        why, steps = block.splitlines()[1:3]
        assert why.startswith("- Why it fits:") and steps.startswith("- First steps:")
        for line in (why, steps):
            cited = [answer.sources[int(n) - 1] for n in CITATION.findall(line)]
            assert cited and all(s.role == role for s in cited)
        step_sources = [answer.sources[int(n) - 1] for n in CITATION.findall(steps)]
        assert all("How to get started" in s.section for s in step_sources)


def test_why_quotes_match_what_the_person_said(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.fit("I love building data pipelines with Spark and Airflow")
    why = blocks(answer)[0].splitlines()[1]
    assert re.search(r"pipeline|Spark|Airflow", why)


def test_ask_routes_fit_questions(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("I enjoy statistics and experiments and know SQL; what suits me?")
    assert answer.route == "fit" and answer.roles[0] == DS


def test_a_profile_the_guides_do_not_match_is_not_covered(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.fit("I love baking sourdough bread and knitting scarves")
    assert answer.route == "not_covered" and answer.sources == []


def test_empty_profile_is_a_clear_error(bundled_bot: Chatbot) -> None:
    with pytest.raises(ValueError, match="describe yourself"):
        bundled_bot.fit("   ")


def test_a_large_catalog_scores_only_roles_near_the_profile(fake_settings) -> None:  # type: ignore[no-untyped-def]
    import ingest
    from bot.routes.fit import SHORTLIST_ABOVE

    for n in range(20):  # many small guides about unrelated work, as users may add
        (fake_settings.corpus_dir / f"crafts-{n}.md").write_text(
            f"# Craft Role {n}\n\n## Overview\nA craft role {n} person carves wood "
            f"and paints pottery number {n} by hand.\n"
        )
    ingest.run(fake_settings)
    bot = Chatbot(fake_settings)
    assert len(bot.catalog) == 23
    profile = "I build data pipelines with Airflow, Spark and Kafka"
    found = candidates(bot.store, bot.catalog, bot.vectors, profile)
    assert "data-engineer" in found
    assert len(found) <= SHORTLIST_ABOVE
    assert ranking(bot, profile)[0] == "data-engineer"


def test_a_dislike_lowers_the_roles_whose_guides_describe_it(bundled_bot: Chatbot) -> None:
    like = "explaining findings to managers"
    plain = [
        m.role for m in rank(bundled_bot.store, bundled_bot.vectors, bundled_bot.catalog, like)
    ]
    averse = [
        m.role
        for m in rank(
            bundled_bot.store, bundled_bot.vectors, bundled_bot.catalog, like, "coding all day"
        )
    ]
    # The coding-heavy data scientist leads on the like alone, and falls below the analyst
    # once coding all day is what the person wants to avoid.
    assert plain.index(DS) < plain.index(DA)
    assert averse.index(DA) < averse.index(DS)
    assert averse.index("software-engineer-data-science") >= plain.index(
        "software-engineer-data-science"
    )


def test_a_contrast_question_opens_with_the_role_and_the_persons_words(
    bundled_bot: Chatbot,
) -> None:
    answer = bundled_bot.ask(
        "I enjoy deploying models to production, though writing reports bores me. "
        "What should I aim for?"
    )
    assert answer.route == "fit" and answer.roles[0] == "mlops-engineer"
    first = answer.text.split("\n\n")[0]
    assert "**MLOps Engineer**" in first
    assert "“deploying models to production”" in first and "“writing reports”" in first
    why = blocks(answer)[0].splitlines()[1]
    # the reason quoted is about deploying models, not the section's first sentence
    assert re.search(r"deploy|production|releas", why)


def test_llm_mode_is_briefed_with_the_likes_dislikes_and_ranking(bundled_bot: Chatbot) -> None:
    from bot.routes.table import route_of

    turn = bundled_bot.prepare(
        "I'd take designing experiments over maintaining servers. Which role fits me?"
    )
    assert turn.route == "fit"
    notes = route_of(turn).brief(turn).notes
    assert any("likes: designing experiments" in n for n in notes)
    assert any("avoid: maintaining servers" in n for n in notes)
    first = bundled_bot.catalog.title(turn.found.top[0].role)
    assert any(n.startswith(f"Ranking by the guides, best first: {first}") for n in notes)


@pytest.mark.parametrize(
    ("question", "above", "below"),
    [
        # The dislike first, no "which role" phrase: a fit by its shape.
        ("Building BI reports sounds dreary to me; I'd rather design A/B tests. "
         "What would you have me do?", DS, DA),
        # Preferences alone, nothing asked.
        ("Ad-hoc SQL requests wear me out. Orchestrating Airflow DAGs energises me.", DE, DA),
        # A bare denial: the second thing is disliked.
        ("Prompt design delights me; tuning warehouse tables doesn't.", "ai-engineer",
         "analytics-engineer"),
    ],
)  # fmt: skip
def test_a_fit_question_by_its_shape_lowers_the_dislike_and_raises_the_like(
    bundled_bot: Chatbot, question: str, above: str, below: str
) -> None:
    # Before: routed as an ordinary answer (no "which role"), or the dislike was lost.
    answer = bundled_bot.ask(question)
    assert answer.route == "fit"
    turn = bundled_bot.prepare(question)
    order = [m.role for m in turn.found.matches]
    assert order.index(above) < order.index(below)
    assert answer.roles[0] == above


def test_a_topic_question_after_a_like_is_not_a_fit(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("Spreadsheets bore me. How much does a data engineer earn?")
    assert answer.route != "fit"


def test_each_reason_is_the_guide_sentence_nearest_to_a_like(bundled_bot: Chatbot) -> None:
    from bot.routes.selection import candidates_of

    question = "I like Kafka. I also like Terraform. Which job?"
    turn = bundled_bot.prepare(question)
    assert turn.route == "fit" and turn.profile.likes == ["Kafka", "Terraform"]
    best = turn.found.top[0]
    sentences = [c.text for c in candidates_of(best.pool)]
    matrix = bundled_bot.vectors.vectors(sentences)
    nearest = {
        like: sentences[int((matrix @ bundled_bot.vectors.vector(like)).argmax())]
        for like in turn.profile.likes
    }
    answer = bundled_bot.ask(question)
    why = blocks(answer)[0].splitlines()[1]
    # Before: the reasons came from the three passages nearest the whole profile, so one
    # like could go without a reason of its own.
    for like, sentence in nearest.items():
        assert sentence in why, like


def test_a_sentence_that_denies_a_like_is_never_its_reason(bundled_bot: Chatbot) -> None:
    from bot.routes.criteria import denies
    from bot.routes.fit import reasons
    from bot.routes.selection import Selector

    # The AI engineer guide says "Training a model from scratch is rarely part of the job";
    # before, it was quoted as why the role fits someone who enjoys deploying models.
    question = "I enjoy deploying models to production, though writing reports bores me."
    turn = bundled_bot.prepare(question + " What should I aim for?")
    ai = next(m for m in turn.found.matches if m.role == "ai-engineer")
    texts = [c.text for c in reasons(turn.found, ai.pool, Selector(bundled_bot.vectors))]
    assert texts and not any(denies(t, "deploying models to production") for t in texts)


def test_a_short_like_is_scored_by_the_sentences_about_it(
    bundled_bot: Chatbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.routes import fit

    store, vectors, catalog = bundled_bot.store, bundled_bot.vectors, bundled_bot.catalog
    with_sentences = rank(store, vectors, catalog, "experiments", likes=["experiments"])
    monkeypatch.setattr(fit, "SENTENCE_SHARE", 0.0)  # as before: passages alone
    passages_only = rank(store, vectors, catalog, "experiments", likes=["experiments"])
    assert with_sentences[0].role == DS
    # The sentences about experiments raise the best role's evidence above its passages'.
    assert with_sentences[0].similarity > passages_only[0].similarity
    long_like = "building data pipelines that feed the warehouse every night"
    assert not fit._short([long_like])


def test_a_dislike_said_alone_still_gets_roles_least_about_it(bundled_bot: Chatbot) -> None:
    """ "I hate coding. What role?" likes nothing: the answer is the roles whose guides
    dwell least on coding, said as that, never "the guides don't cover that"."""
    from bot.routes.fit import find_ranking

    answer = bundled_bot.ask("I hate coding. What role should I pick?")
    assert answer.route == "fit" and answer.roles
    assert "less of what you want to avoid (“coding”)" in answer.text.split("\n")[0]
    ranked = find_ranking(
        bundled_bot.store,
        bundled_bot.vectors,
        bundled_bot.catalog,
        "I hate",
        "coding",
        by_dislike=True,
    )
    dislikes = [m.dislike for m in ranked.matches]
    assert dislikes == sorted(dislikes) and ranked.matches[0].role == answer.roles[0]
