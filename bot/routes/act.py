"""Conversation acts and other languages: what careerbot says to "hello", "thanks",
"what can you do?", "bye" and "why?", and to a question in a language it does not answer in.

The act itself is recognised in the understand step with the embedding model
(``bot.understand.acts``, ``bot.understand.language``), which sets the reply on the turn;
this route owns the replies and composes nothing from the guides ("why?" quotes the
previous answer's own sources, which the chatbot re-derives).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.results import Answer
from bot.core.roles import RoleCatalog
from bot.routes.protocol import BaseRoute
from bot.understand.turn import Turn

if TYPE_CHECKING:
    from bot.routes.selection import Selector


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


class ActRoute(BaseRoute):
    """The reply is set when the act is recognised; nothing to search or compose."""

    name = "act"

    def compose(self, turn: Turn, selector: Selector) -> Answer:
        return turn.ready or act_reply("capabilities", turn.catalog)

    def suggestions(self, turn: Turn, answer: Answer) -> list[str]:
        return answer.suggestions
