"""Skills gap on the bundled guides with the real model."""

from bot import Chatbot


def test_what_you_have_and_what_to_learn_are_split_and_cited(bundled_bot: Chatbot) -> None:
    answer = bundled_bot.ask("I know SQL and Python; what am I missing to become an ML engineer?")
    assert answer.route == "skills_gap" and answer.roles == ["machine-learning-engineer"]
    text = answer.text
    have = text.index("**What you already have**")
    learn = text.index("**What to learn next**")
    steps = text.index("**First steps**")
    assert have < learn < steps
    assert "Python" in text[have:learn] or "SQL" in text[have:learn]
    assert all(s.role == "machine-learning-engineer" for s in answer.sources)
    assert "SQL, Python" in text.split("\n")[0]
