"""The replies of the act route (bot/routes/act.py): no guide quoted, the roles named."""

from __future__ import annotations

from bot.routes.act import act_reply, other_language, why_without_context
from bot.routes.table import ROUTES
from bot.understand.language import LINES
from tests.guides import bundled_catalog


def test_every_act_has_a_reply_naming_what_careerbot_covers() -> None:
    catalog = bundled_catalog()
    for act in ("greeting", "capabilities", "thanks"):
        reply = act_reply(act, catalog)
        assert (reply.route, reply.intent, reply.sources) == ("act", act, [])
        assert "Data Engineer" in reply.text and reply.suggestions
    bye = act_reply("goodbye", catalog)
    assert bye.intent == "goodbye" and not bye.suggestions
    assert why_without_context(catalog).intent == "why"


def test_another_language_gets_its_line_then_the_roles() -> None:
    reply = other_language(LINES["de"], bundled_catalog())
    first, rest = reply.text.split("\n\n", 1)
    assert first == LINES["de"] and "Data Scientist" in rest and reply.route == "act"


def test_the_new_kinds_of_answer_are_in_the_table() -> None:
    assert {"act", "overview", "plan"} <= set(ROUTES)
