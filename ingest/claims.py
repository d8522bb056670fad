"""Role claims: which guide holds a role id when two guides declare the same one.

A role id names one guide: its title and source in the role catalog, and the guide whose
chunks answer for that role. Two guides declaring ``role: data-engineer`` (a copy uploaded
under another name, two formats of one guide, a second file named after the same people)
would otherwise mix their chunks under one role with no word to anyone. The rule is
deterministic and needs no history: **the guide whose path (relative to the corpus dir)
sorts first keeps the role id**; each other claimant is not indexed until it declares a
role of its own, and the run warns once per role, naming every file that claims it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ingest.load import GuideFile


@dataclass
class Claims:
    """The guides that hold their role id, and the refused rest with their reasons."""

    kept: list[GuideFile] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # source -> reason
    warnings: list[str] = field(default_factory=list)


def settle_claims(guides: list[GuideFile]) -> Claims:
    """One guide per role id: the first by path; the others refused with the holder named."""
    by_role: dict[str, list[GuideFile]] = defaultdict(list)
    for guide in sorted(guides, key=lambda g: g.source):
        by_role[guide.role].append(guide)
    claims = Claims()
    holders = {id(claimants[0]) for claimants in by_role.values()}
    # The kept guides stay in the order they came in (the corpus walk's order).
    claims.kept = [g for g in guides if id(g) in holders]
    for role, claimants in by_role.items():
        if len(claimants) < 2:
            continue
        holder, others = claimants[0].source, [g.source for g in claimants[1:]]
        for source in others:
            claims.refused[source] = (
                f"role id '{role}' is already held by {holder}; give this guide its own "
                "'role:' in its front matter"
            )
        claims.warnings.append(
            f"role id '{role}' is declared by {_listing([holder, *others])}: {holder} keeps "
            f"it (the first path in sorted order); not indexed: {', '.join(others)}"
        )
    return claims


def _listing(sources: list[str]) -> str:
    return " and ".join(sources) if len(sources) == 2 else ", ".join(sources)
