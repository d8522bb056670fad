"""Understand: what the person typed and the conversation so far -> a routed ``Turn``
(the roles in play, what is asked, what the person said about themselves, the kind of
answer wanted). Pure text work: no model, no store.

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.understand.aspects import Aspect, resolve_aspects
    from bot.understand.conversation import understand
    from bot.understand.intents import Intent
    from bot.understand.profile import Profile
    from bot.understand.question import prepare_question
    from bot.understand.routing import route
    from bot.understand.turn import Turn

__all__ = [
    "Aspect",
    "Intent",
    "Profile",
    "Turn",
    "prepare_question",
    "resolve_aspects",
    "route",
    "understand",
]

_MODULE_OF = {
    "Aspect": "bot.understand.aspects",
    "Intent": "bot.understand.intents",
    "Profile": "bot.understand.profile",
    "Turn": "bot.understand.turn",
    "prepare_question": "bot.understand.question",
    "resolve_aspects": "bot.understand.aspects",
    "route": "bot.understand.routing",
    "understand": "bot.understand.conversation",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
