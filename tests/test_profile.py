"""Profile: what a person says about themselves, sorted into background, skills, likes,
dislikes and constraints."""

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
