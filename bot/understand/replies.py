"""Replies that quote no guide: what careerbot says when the guides do not cover a question."""

from __future__ import annotations

from bot.core.answer import Answer
from bot.core.roles import RoleCatalog
from bot.understand.intents import Intent, question_for


def not_covered(catalog: RoleCatalog) -> Answer:
    titles = ", ".join(r.title for r in catalog.roles.values()) or "no roles yet"
    text = (
        "The career guides don't cover that, so I can't answer it without guessing. "
        f"I can help with these roles: {titles}. Ask about what they do, their skills, "
        "tools, salaries or career paths, or how two of them compare."
    )
    return Answer(text=text, sources=[], route="not_covered")


def clarify(catalog: RoleCatalog, intent: Intent | None) -> Answer:
    """A question back when a question needs a role and names none ("salary?")."""
    titles = [r.title for r in catalog.roles.values()]
    about = f"{intent.label} " if intent else ""
    listed = ", ".join(titles) or "no roles yet"
    example = question_for(intent, titles[0]) if intent and titles else ""
    text = f"Which role do you mean? I can tell you about the {about}of these roles: {listed}." + (
        f' For example: "{example}"' if example else ""
    )
    suggestions = [question_for(intent, t) for t in titles[:3]] if intent else []
    return Answer(
        text=text, route="clarify", intent=intent.id if intent else "", suggestions=suggestions
    )


def _titles(catalog: RoleCatalog) -> list[str]:
    return [r.title for r in catalog.roles.values()]


def _examples(catalog: RoleCatalog) -> list[str]:
    """Three questions to try, over the first roles (the chips under a reply)."""
    titles = _titles(catalog)
    if not titles:
        return []
    first, second = titles[0], titles[1 % len(titles)]
    return [
        f"What does a {first} do?",
        f"How does a {first} compare with a {second}?",
        "Which role suits me? I enjoy SQL and explaining numbers.",
    ]


def act_reply(act: str, catalog: RoleCatalog) -> Answer:
    """What careerbot says to a conversation act (``bot.understand.acts``): no guide quoted.
    "why?" is answered from the previous answer's own sources, by the chatbot."""
    listed = ", ".join(_titles(catalog)) or "no roles yet"
    offer = (
        "I answer from career guides and cite them: what a role does, its skills, tools, pay "
        "and path, how roles compare, which role suits you and what you would need to learn. "
        f"The roles I cover: {listed}."
    )
    texts = {
        "greeting": f"Hello! I'm careerbot. {offer}",
        "capabilities": f"I'm careerbot, a career adviser for data jobs. {offer}",
        "thanks": f"Glad that helped. Ask me anything else about these roles: {listed}.",
        "goodbye": "Good luck with your next step. Come back any time you have a question "
        "about a data career.",
    }
    suggestions = [] if act == "goodbye" else _examples(catalog)
    return Answer(text=texts[act], route="act", intent=act, suggestions=suggestions)


def why_without_context(catalog: RoleCatalog) -> Answer:
    text = (
        "There is no earlier answer of mine to explain yet. Ask me about a role and I will "
        "show which lines of the guides the answer rests on."
    )
    return Answer(text=text, route="act", intent="why", suggestions=_examples(catalog))


def other_language(line: str, catalog: RoleCatalog) -> Answer:
    """A question in another language that names no role careerbot can read: the line in
    that language, then the roles in English."""
    listed = ", ".join(_titles(catalog)) or "no roles yet"
    text = (
        f"{line}\n\ncareerbot answers in English, from English career guides. The roles it "
        f"covers: {listed}. Ask in English about what they do, their skills, tools, pay or "
        "career paths, or how two of them compare."
    )
    return Answer(text=text, route="act", intent="other_language", suggestions=_examples(catalog))
