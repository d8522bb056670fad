"""Profile: what a person says about themselves, sorted into background, skills, likes,
dislikes and constraints."""

import pytest

from bot.understand.profile import profile_from


def test_dislikes_are_not_likes() -> None:
    profile = profile_from(["I hate coding but love talking to people"])
    assert profile.dislikes == ["coding"]
    assert profile.likes == ["talking to people"]


def test_background_and_skills() -> None:
    profile = profile_from(["I'm a backend developer and I know SQL and Python."])
    assert profile.background == ["backend developer"]
    assert profile.skill_words() == ["SQL", "Python"]


def test_constraints_across_turns() -> None:
    profile = profile_from(["I enjoy statistics.", "I live in Germany and have no degree."])
    assert profile.likes == ["statistics"]
    assert profile.constraints == ["I live in Germany", "no degree"]
    assert "constraints: I live in Germany; no degree" in profile.describe()


def test_a_plain_question_says_nothing_about_the_person() -> None:
    assert not profile_from(["What does a data engineer do?"])


def test_a_contrast_the_phrasings_miss_is_split_into_a_like_and_a_dislike() -> None:
    # Before: ", though" kept one clause, read as one long dislike.
    profile = profile_from(
        ["I enjoy deploying models to production, though writing reports bores me."]
    )
    assert profile.likes == ["deploying models to production"]
    assert profile.dislikes == ["writing reports"]
    # No "I hate": the opinion reader decides each side.
    profile = profile_from(["I'm not into meetings at all, I just want to build backend systems."])
    assert profile.likes == ["build backend systems"]
    assert profile.dislikes == ["meetings"]
    profile = profile_from(["Anything but coding all day, I like explaining findings to managers."])
    assert profile.dislikes == ["coding all day"]


def test_a_rather_contrast_keeps_only_the_activity() -> None:
    profile = profile_from(["I'd take designing experiments over maintaining servers."])
    assert profile.likes == ["designing experiments"]
    assert profile.dislikes == ["maintaining servers"]


def test_an_overview_question_is_no_like() -> None:
    assert not profile_from(["Which data job pays best?"]).likes


@pytest.mark.parametrize(
    ("text", "likes", "dislikes"),
    [
        # The dislike first, said of the thing, then the like with no "I like".
        ("Tuning dashboards sounds dreary to me; I'd rather build recommender systems.",
         ["build recommender systems"], ["Tuning dashboards"]),
        ("Excel macros bore me. Designing data warehouses excites me.",
         ["Designing data warehouses"], ["Excel macros"]),
        # A bare denial turns the opinion before it round.
        ("Cleaning survey data is great fun; babysitting cron jobs is not.",
         ["Cleaning survey data"], ["babysitting cron jobs"]),
        ("Writing Terraform energises me; writing slide decks doesn't.",
         ["Writing Terraform"], ["writing slide decks"]),
        # Two things said of, joined by a comma alone; a discourse opener before the first.
        ("Frankly, quarterly reporting wears me out, streaming analytics appeals to me.",
         ["streaming analytics"], ["quarterly reporting"]),
        ("Give me Spark jobs, not PowerPoint.", ["Spark jobs"], ["PowerPoint"]),
        # A denial with no feeling word: "isn't for me" ("n't" has no word boundary before
        # it), "aren't my scene", "is not something I want", "has never been my strength".
        ("Statistical theory isn't for me; I'd rather wire LLM APIs into products.",
         ["wire LLM APIs into products"], ["Statistical theory"]),
        ("Spreadsheets aren't my scene; I'd like to build ingestion jobs.",
         ["build ingestion jobs"], ["Spreadsheets"]),
        ("On-call rotas are not something I want; I'd like to explore data.",
         ["explore data"], ["On-call rotas"]),
        ("Client meetings have never been my strength; I'd like to run model registries.",
         ["run model registries"], ["Client meetings"]),
        # What is passed over, said first, before the clause with its own subject.
        ("Rather than maintaining servers, I want to forecast demand.",
         ["forecast demand"], ["maintaining servers"]),
        ("Instead of building dashboards, I want to train deep learning models.",
         ["train deep learning models"], ["building dashboards"]),
        # The feeling is read from the frame, not the thing: "demand", "fraud" and "risk"
        # are negative words to VADER, and made these wants dislikes.
        ("Setting up servers is not for me; I want to forecast demand.",
         ["forecast demand"], ["Setting up servers"]),
        ("I want to work on fraud detection and credit risk models.",
         ["fraud detection and credit risk models"], []),
        # A typographic apostrophe reads as the plain one.
        ("I don’t like coding; I love explaining numbers to people.",
         ["explaining numbers to people"], ["coding"]),
    ],
)  # fmt: skip
def test_a_dislike_first_and_likes_said_of_things(
    text: str, likes: list[str], dislikes: list[str]
) -> None:
    # Before: the like was lost ("I'd rather build ..." has no "than"), kept its verdict
    # ("Designing data warehouses excites me"), or the denial was no opinion at all.
    profile = profile_from([text])
    assert (profile.likes, profile.dislikes) == (likes, dislikes)


def test_a_denied_negative_stays_a_like() -> None:
    # "doesn't scare me" denies a fear: VADER scores it positive, so the denial rule for
    # predicates with no feeling word does not turn it into a dislike.
    profile = profile_from(["Heavy maths doesn't scare me; I love proofs."])
    assert profile.dislikes == [] and "Heavy maths" in profile.likes


def test_over_a_span_of_time_or_in_a_question_is_no_preference() -> None:
    # Before: "over the years" made the question a like and "the years" a dislike.
    assert not profile_from(["How do analytics engineers' duties shift over the decades?"])
    assert profile_from(["Make me a plan for SQL over three weeks"]).dislikes == []
    assert profile_from(["I'd pick graph work over spreadsheets."]).dislikes == ["spreadsheets"]


def test_likes_said_by_ellipsis_or_by_a_free_relative() -> None:
    # s12: both likes were lost (or kept their frame, "is writing ..."), so the fit ranked
    # by the dislike alone
    found = profile_from(["Mapping rivers is not for me; pricing insurance is. Which role?"])
    assert (found.likes, found.dislikes) == (["pricing insurance"], ["Mapping rivers"])
    found = profile_from(["Audits wear me out; what I really enjoy is tuning Spark jobs."])
    assert (found.likes, found.dislikes) == (["tuning Spark jobs"], ["Audits"])
