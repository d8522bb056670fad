"""Routes: one module per kind of answer (an ordinary answer, a comparison, a role fit, a
skills gap, ...), each gathering its own evidence and composing its offline answer, plus
the writing and search helpers they share.

The names below are imported on first use, so importing one module of the package stays
as cheap as that module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from bot.routes.advice import compose_advice
    from bot.routes.compare import compose_comparison
    from bot.routes.evidence import Evidence
    from bot.routes.fit import compose_fit
    from bot.routes.gap import compose_gap

__all__ = ["Evidence", "compose_advice", "compose_comparison", "compose_fit", "compose_gap"]

_WHERE = {
    "Evidence": "bot.routes.evidence",
    "compose_advice": "bot.routes.advice",
    "compose_comparison": "bot.routes.compare",
    "compose_fit": "bot.routes.fit",
    "compose_gap": "bot.routes.gap",
}


__getattr__ = lazy_attributes(__name__, _WHERE)
