"""Routes: one module per kind of answer (an ordinary answer, a comparison, a role fit, a
skills gap, a question back, not covered), each implementing the ``Route`` protocol
(``bot.routes.protocol``) and registered in one table (``bot.routes.table.ROUTES``), plus
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
    from bot.routes.protocol import BaseRoute, Brief, Route
    from bot.routes.table import ROUTES, route_of

__all__ = [
    "ROUTES",
    "BaseRoute",
    "Brief",
    "Evidence",
    "Route",
    "compose_advice",
    "compose_comparison",
    "compose_fit",
    "compose_gap",
    "route_of",
]

_MODULE_OF = {
    "ROUTES": "bot.routes.table",
    "BaseRoute": "bot.routes.protocol",
    "Brief": "bot.routes.protocol",
    "Route": "bot.routes.protocol",
    "route_of": "bot.routes.table",
    "Evidence": "bot.routes.evidence",
    "compose_advice": "bot.routes.advice",
    "compose_comparison": "bot.routes.compare",
    "compose_fit": "bot.routes.fit",
    "compose_gap": "bot.routes.gap",
}


__getattr__ = lazy_attributes(__name__, _MODULE_OF)
