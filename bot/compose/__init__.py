"""Compose: a ``Turn`` with its evidence -> an ``Answer``, by the offline adviser or an
OpenAI-compatible model behind one ``Composer`` protocol.

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.compose.llm import LLMComposer
    from bot.compose.offline import Composer, OfflineComposer

__all__ = ["Composer", "LLMComposer", "OfflineComposer"]

_MODULE_OF = {
    "Composer": "bot.compose.offline",
    "LLMComposer": "bot.compose.llm",
    "OfflineComposer": "bot.compose.offline",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
