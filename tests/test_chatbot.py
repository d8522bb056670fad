"""The core behaviours through the public API, on real Chroma with the real model."""

import re
from pathlib import Path
from typing import Any

import pytest

from bot import Answer, Chatbot, Settings
from bot.core.errors import NoIndexError


def citations(answer: Answer) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]


def test_answer_is_cited_and_names_the_role(chatbot: Chatbot) -> None:
    answer = chatbot.ask("What does a data engineer do?")
    assert answer.route == "answer" and answer.mode == "offline"
    assert "data engineer" in answer.text.lower()
    assert answer.sources and answer.sources[0].role == "data-engineer"
    assert set(citations(answer)) == set(range(1, len(answer.sources) + 1))
    first = answer.sources[0]
    assert first.title == "Data Engineer"
    assert first.section.startswith("Data Engineer")
    assert first.source == "data-engineer.md"
    assert 0 < first.score <= 1


def test_follow_up_stays_on_the_role_from_history(chatbot: Chatbot) -> None:
    first = chatbot.ask("What does a data engineer do?")
    history = [
        {"role": "user", "content": "What does a data engineer do?"},
        {"role": "assistant", "content": first.text},
    ]
    follow_up = chatbot.ask("What tools do they use?", history=history)
    assert follow_up.roles == ["data-engineer"]
    assert {s.role for s in follow_up.sources} == {"data-engineer"}
    assert re.search("Airflow|Spark|Kafka|Terraform", follow_up.text)


def test_history_decides_who_they_are(chatbot: Chatbot) -> None:
    with_history = chatbot.ask(
        "What tools do they use?",
        history=[{"role": "user", "content": "Tell me about data analysts"}],
    )
    assert with_history.roles == ["data-analyst"]
    assert "Tableau" in with_history.text or "Looker" in with_history.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "How do I bake sourdough bread?",
        "Who won the football match last night?",
    ],
)
def test_off_topic_question_is_refused_without_sources(chatbot: Chatbot, question: str) -> None:
    answer = chatbot.ask(question)
    assert answer.route == "not_covered"
    assert answer.sources == []
    assert "don't cover" in answer.text
    assert "Data Engineer" in answer.text  # says what the guides do cover


def test_empty_question_is_a_value_error(chatbot: Chatbot) -> None:
    with pytest.raises(ValueError, match="empty"):
        chatbot.ask("   ")


def test_huge_question_is_cut_with_a_notice(chatbot: Chatbot) -> None:
    answer = chatbot.ask("What does a data analyst do? " + "please " * 5000)
    assert answer.notices and "the middle was left out" in answer.notices[0]
    assert answer.sources and answer.sources[0].role == "data-analyst"


def test_no_index_yet_is_a_clear_error(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(NoIndexError, match="No index"):
        Chatbot(Settings(data_dir=tmp_path)).ask("What does a data engineer do?")  # type: ignore[arg-type]


def test_to_dict_matches_the_json_contract(chatbot: Chatbot) -> None:
    data = chatbot.ask("What skills does a data scientist need?").to_dict()
    assert set(data) >= {"answer", "sources", "mode"}
    assert set(data["sources"][0]) >= {"role", "title", "section", "source", "score"}


def test_stream_grows_and_ends_with_the_full_answer(chatbot: Chatbot) -> None:
    question = "What do data engineers and data analysts do?"
    parts = list(chatbot.stream(question))
    final = chatbot.ask(question)
    assert parts[-1] == final
    assert len(parts) >= 2  # one paragraph per role, released one at a time
    assert all(final.text.startswith(p.text) for p in parts)
    assert all(p.sources == [] for p in parts[:-1])


def test_load_opens_the_store_without_embedding_anything_counted(
    indexed_settings: Settings,
) -> None:
    bot = Chatbot(indexed_settings)
    bot.load()
    assert bot.index.opened
    assert bot.embeddings.texts_embedded == 0


def test_load_without_an_index_is_the_usual_user_error(tmp_path: Path) -> None:
    bot = Chatbot(Settings(data_dir=tmp_path / "none", corpus_dir=tmp_path))  # type: ignore[call-arg]
    with pytest.raises(NoIndexError):
        bot.load()


# ---- issue 22: acts, other languages, who asks (the real model over the fixture corpus) ----


def test_conversation_acts_get_their_own_reply(chatbot) -> None:  # type: ignore[no-untyped-def]
    hello = chatbot.ask("hi, good to meet you")
    assert (hello.route, hello.intent, hello.sources) == ("act", "greeting", [])
    assert "Data Engineer" in hello.text and hello.suggestions
    history = [
        {"role": "user", "content": "What tools does a data engineer use?"},
        {"role": "assistant", "content": "Spark and Airflow [1]."},
    ]
    thanks = chatbot.ask("thank you, that really helped", history)
    assert (thanks.route, thanks.intent) == ("act", "thanks")
    why = chatbot.ask("why do you say that?", history)
    assert why.intent == "why" and why.sources
    assert all(f"[{n}]" in why.text for n in range(1, len(why.sources) + 1))
    assert chatbot.ask("why?").route == "act"  # nothing to explain yet: said so


def test_why_after_a_fit_written_elsewhere_gives_the_named_roles_reasons(bundled_bot) -> None:  # type: ignore[no-untyped-def]
    # A history with no markers (another client's words) that recommended a role: the fit
    # asked again ranks that role too, and its own "Why it fits" lines are the reasons.
    # Before, the claim's words were matched to any source snippet: "A step-by-step plan for
    # a future analytics engineer: 1." was the reason given.
    question = "I like writing tested SQL transformations. Which job suits me?"
    told = "**Analytics Engineer** suits you: its guide describes dbt models and tests."
    fit = bundled_bot.ask(question)
    assert "analytics-engineer" in fit.roles
    why = bundled_bot.ask(
        "Why?", [{"role": "user", "content": question}, {"role": "assistant", "content": told}]
    )
    assert (why.route, why.intent) == ("act", "why") and why.sources
    assert {s.role for s in why.sources} == {"analytics-engineer"}
    fit_lines = [line for line in fit.text.splitlines() if line.startswith("- Why it fits:")]
    quoted = re.findall(r"“([^”]+)”", why.text.split("\n", 1)[1])
    assert quoted and quoted[0].rstrip("…") in fit_lines[0]


def test_why_explains_the_previous_answer_instead_of_repeating_it(chatbot) -> None:  # type: ignore[no-untyped-def]
    question = "Which tools does a data engineer use?"
    answer = chatbot.ask(question)
    assert answer.sources
    history = [
        {"role": "user", "content": question},
        {"role": "assistant", "content": answer.text},
    ]
    for asked in ("how come?", "what makes you say that?"):
        why = chatbot.ask(asked, history)
        assert (why.route, why.intent) == ("act", "why")
        # Not the answer again: where it comes from, the guide named, every source cited.
        assert why.text != answer.text and "Data Engineer guide" in why.text
        assert all(f"[{n}]" in why.text for n in range(1, len(why.sources) + 1))
        assert {s.section for s in why.sources} <= {s.section for s in answer.sources}
    # A history written elsewhere (an LLM's words, another client): matched by its words.
    told = [history[0], {"role": "assistant", "content": "Mostly Spark and Airflow [3]."}]
    why = chatbot.ask("why?", told)
    assert why.intent == "why" and why.sources and "Data Engineer guide" in why.text


def test_an_act_then_another_act_is_one_act_and_shorthand_is_english(chatbot) -> None:  # type: ignore[no-untyped-def]
    # The words after an opener are part of it when they are an act of their own, or a
    # loose reading of one; chat shorthand is not another language.
    said = {
        "hello there, hope the week is treating you well": "greeting",
        "cheers mate, top notch": "thanks",
        "brb, thx": "goodbye",
    }
    for text, act in said.items():
        reply = chatbot.ask(text)
        assert (reply.route, reply.intent) == ("act", act), text
    asked = chatbot.ask("ty! and which tools does a data engineer use?")
    assert asked.route == "answer" and asked.intent == "tools"


def test_a_question_in_another_language_gets_a_line_in_it(chatbot) -> None:  # type: ignore[no-untyped-def]
    from bot.understand.language import answers_line, english_only_line

    plain = chatbot.ask("¿Qué estudios hacen falta para este trabajo?")
    assert plain.route == "act" and plain.text.startswith(english_only_line("es"))
    assert "Data Engineer" in plain.text
    # The topic read (education) is offered as the English question over every role.
    assert plain.suggestions[0] == "What education does each role need?"
    named = chatbot.ask("¿Qué herramientas usa un data engineer en su trabajo?")
    assert named.text.startswith(answers_line("es")) and named.sources
    assert {s.role for s in named.sources} == {"data-engineer"}


def test_who_asks_does_not_change_the_advice(chatbot) -> None:  # type: ignore[no-untyped-def]
    one = chatbot.ask("I'm 66 and a grandmother. I enjoy building pipelines. Which role fits me?")
    other = chatbot.ask("I'm 23 and a young man. I enjoy building pipelines. Which role fits me?")
    assert one.roles == other.roles and one.sources == other.sources and one.text == other.text
    assert any("left out of the search" in n for n in one.notices)


def test_who_asks_in_an_earlier_turn_does_not_change_the_advice(chatbot) -> None:  # type: ignore[no-untyped-def]
    """Fairness over the conversation, not only the current turn: a self-description given
    turns ago (alone, or beside a question) steers nothing that follows."""
    question = "Which role fits someone who enjoys building pipelines?"

    def after(*said: str):  # type: ignore[no-untyped-def]
        history = []
        for text in said:
            history += [
                {"role": "user", "content": text},
                {"role": "assistant", "content": "Noted."},
            ]
        return chatbot.ask(question, history)

    plain = chatbot.ask(question)
    for one, other in [
        ("I'm a 64-year-old widow from Ghana.", "I'm a 19-year-old lad from Norway."),
        ("I am a Hindu woman. What does a data engineer do?",
         "I am a Catholic man. What does a data engineer do?"),
    ]:  # fmt: skip
        first, second = after(one), after(other)
        assert first.roles == second.roles and first.sources == second.sources
        assert first.text == second.text
    assert after("I'm a 64-year-old widow from Ghana.").roles == plain.roles


def test_a_question_is_understood_once(chatbot: Chatbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A two-clause question that is not split (a comparison reads it whole) is understood
    once: the turn that decided not to split it is the turn answered, in ask and stream."""
    calls: list[str] = []
    understand = chatbot.understand

    def counted(question: str, history: Any = None) -> Any:
        calls.append(question)
        return understand(question, history)

    monkeypatch.setattr(chatbot, "understand", counted)
    question = (
        "How do data engineers and data scientists compare on pay, and what tools do they use?"
    )
    assert chatbot.ask(question).route == "compare"
    assert calls == [question]
    calls.clear()
    assert list(chatbot.stream(question))[-1].route == "compare"
    assert calls == [question]


def test_an_act_in_another_language_gets_its_reply_and_the_line_in_that_language(
    chatbot: Chatbot,
) -> None:
    from bot.understand.language import english_only_line

    answer = chatbot.ask("Danke schön, das hat geholfen!")
    assert answer.intent == "thanks" and answer.text.startswith(english_only_line("de"))
    assert answer.sources == []


def test_a_foreign_question_naming_a_role_is_answered_from_the_asked_section(
    chatbot: Chatbot,
) -> None:
    from bot.understand.language import answers_line

    answer = chatbot.ask("¿Cuánto cobra un data engineer?")
    assert answer.text.startswith(answers_line("es"))
    assert answer.sources and " > Salary" in answer.sources[0].section


def test_learn_first_is_answered_with_the_first_steps_not_the_pay(chatbot: Chatbot) -> None:
    answer = chatbot.ask("What should I learn before anything else to work as a data analyst?")
    assert answer.intent in {"getting_started", "skills"}
    assert " > Salary" not in answer.sources[0].section


def test_a_follow_up_asking_for_a_table_tabulates_the_roles_answered_so_far(
    chatbot: Chatbot,
) -> None:
    history: list[dict[str, str]] = []
    for question in ("How much does a data analyst earn?", "And a data scientist?"):
        answer = chatbot.ask(question, history)
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.text},
        ]
    table = chatbot.ask("Can you put those side by side in a table?", history)
    assert table.route == "compare" and "| --- |" in table.text
    assert set(table.roles) == {"data-analyst", "data-scientist"}
    assert "Salary" in table.text and "Tools" not in table.text


def test_a_greeting_or_thanks_before_a_question_answers_the_question(chatbot: Chatbot) -> None:
    plain = chatbot.ask("What does a data engineer do?")
    greeted = chatbot.ask("hi, what does a data engineer do?")
    assert greeted.route == plain.route != "act" and greeted.text == plain.text
    history = [
        {"role": "user", "content": "What does a data engineer do?"},
        {"role": "assistant", "content": plain.text},
    ]
    pay = chatbot.ask("thanks, that helped. and what do they earn?", history)
    assert pay.route != "act" and pay.intent == "salary" and pay.roles == ["data-engineer"]
    thanks = chatbot.ask("ty so much 🙏", history)
    assert thanks.intent == "thanks" and thanks.sources == [] and plain.text not in thanks.text


def test_preferences_with_a_short_request_are_a_fit_not_an_act(chatbot: Chatbot) -> None:
    # "What role?" alone sits near "what can you do?"; said after a like, it asks for
    # direction, so the fit answer comes, not careerbot's list of what it can do.
    answer = chatbot.ask("I enjoy experiments. What role?")
    assert answer.route != "act" and answer.intent not in ("capabilities", "greeting")
    assert answer.roles and answer.sources
    still = chatbot.ask("thanks, I really like that answer")
    assert still.intent == "thanks"


# ---- s11-lang: roles said in the asker's language, foreign follow-ups and acts -------------


def test_a_role_said_in_another_language_is_answered_from_its_guide(chatbot: Chatbot) -> None:
    from bot.understand.language import answers_line

    answer = chatbot.ask("¿Qué herramientas usa un ingeniero de datos?")
    assert answer.text.startswith(answers_line("es"))
    assert answer.sources and {s.role for s in answer.sources} == {"data-engineer"}
    assert " > Tools" in answer.sources[0].section


def test_a_foreign_follow_up_asks_its_topic_of_the_roles_so_far(chatbot: Chatbot) -> None:
    from bot.understand.language import answers_line

    history = [
        {"role": "user", "content": "What does a data engineer do?"},
        {"role": "assistant", "content": "A data engineer builds and runs data pipelines."},
    ]
    answer = chatbot.ask("Und wie viel verdient man da?", history)
    assert answer.text.startswith(answers_line("de"))
    assert answer.sources and " > Salary" in answer.sources[0].section


def test_a_foreign_act_after_a_greeting_is_that_act_in_that_language(chatbot: Chatbot) -> None:
    from bot.understand.language import english_only_line

    helped = chatbot.ask("Hei! Hva kan du hjelpe meg med?")
    assert helped.intent == "capabilities" and helped.text.startswith(english_only_line("nb"))
    bye = chatbot.ask("Näkemiin, mukavaa päivää!")
    # The line promises the roles covered, so even a goodbye names them.
    assert bye.intent == "goodbye" and bye.text.startswith(english_only_line("fi"))
    assert "Data Engineer" in bye.text


def test_two_roles_in_another_language_are_compared(chatbot: Chatbot) -> None:
    from bot.understand.language import answers_line

    answer = chatbot.ask("¿Qué diferencia hay entre un analista de datos y un científico de datos?")
    assert answer.route == "compare" and answer.text.startswith(answers_line("es"))
    assert {s.role for s in answer.sources} == {"data-analyst", "data-scientist"}


def test_a_question_about_every_role_is_no_conversation_act(chatbot) -> None:  # type: ignore[no-untyped-def]
    """The act classifier puts "for every role, what does the day-to-day work involve?" near
    "what can you do?"; a message about the roles as a set that asks for something is a
    question over all roles."""
    question = "For every role, what does the day-to-day work involve?"
    assert chatbot.acts.classify(question).act == "capabilities"  # the misreading it guards
    answer = chatbot.ask(question)
    assert answer.route == "overview" and len({s.role for s in answer.sources}) >= 2
    assert chatbot.ask("what can you do?").route == "act"
