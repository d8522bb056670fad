"""What every layer shares: settings, errors, the ``Answer`` it gives back, chat
messages, the role catalog and the SQL engine. Imports nothing else of ``bot``.

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.core.errors import CareerbotError
    from bot.core.messages import normalize_history
    from bot.core.results import Answer, Passage, Source
    from bot.core.roles import RoleCatalog
    from bot.core.settings import Settings
    from bot.core.sql import engine_for

__all__ = [
    "Answer",
    "CareerbotError",
    "Passage",
    "RoleCatalog",
    "Settings",
    "Source",
    "engine_for",
    "normalize_history",
]

_MODULE_OF = {
    "Answer": "bot.core.results",
    "CareerbotError": "bot.core.errors",
    "Passage": "bot.core.results",
    "RoleCatalog": "bot.core.roles",
    "Settings": "bot.core.settings",
    "Source": "bot.core.results",
    "engine_for": "bot.core.sql",
    "normalize_history": "bot.core.messages",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
