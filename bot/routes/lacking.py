"""What the guides lack: the opening that says so, before any route's answer.

A question may ask for a specific the guides never give (pay in Berlin, at one employer,
in 2016, how long it takes) or say something about the person the guides do not address.
Every route that quotes the guides on the question asked (an ordinary answer, a plan, a
comparison, a skills gap) calls ``admitted`` once its passages are in: the answer then
opens by saying plainly what the guides do not say, then gives the closest they come,
cited, with the limits of their figures.
"""

from __future__ import annotations

from dataclasses import replace

from bot.routes.figures import figures_in
from bot.understand.specifics import admission, missing_from, specifics_of
from bot.understand.turn import Turn


def admitted(turn: Turn) -> Turn:
    """A turn whose question asks for what the guides do not have (pay in one city, at one
    employer, in one year, how long it takes, or who the person is), with that said first,
    plainly. Whether the guides have it is read off the text retrieved for the question,
    so each route calls this once its passages are in."""
    names = [turn.catalog.title(r) for r in turn.catalog.roles]
    texts = [p.text for p in turn.passages]
    # Roles by any of their names ("an ML engineer") are not specifics.
    asked = turn.catalog.without_roles(turn.question)
    missing = missing_from(specifics_of(asked, names), texts)
    pieces = []
    if missing:
        pieces.append(admission(missing, _figure_note(turn)))
    if turn.left_out:
        kinds = " or ".join(turn.left_out)
        pieces.append(f"The guides don't address {kinds}, so that is left out of this answer.")
    if not pieces:
        return turn
    preface = " ".join([*pieces, *([turn.preface] if turn.preface else [])])
    return replace(turn, preface=preface)


def _figure_note(turn: Turn) -> str:
    """Where the guides' own figures are from, when the question is about pay or demand."""
    if turn.intent is None or turn.intent.id not in {"salary", "outlook"}:
        return ""
    regions = {
        f.region
        for p in turn.passages
        if p.role in turn.roles
        for f in figures_in(p.text)
        if f.region
    }
    if len(regions) == 1:
        (region,) = regions
        return f"The figures they quote are for the {region}."
    return ""
