"""The passages an LLM comparison is written from: every role, every asked aspect."""

from bot.chatbot import Chatbot
from bot.compare import ASPECTS, resolve_aspects
from bot.compare_passages import comparison_passages

ROLES = ["data-engineer", "data-analyst"]


def passages_for(chatbot: Chatbot, aspects: list[str] | None) -> list:  # type: ignore[type-arg]
    return comparison_passages(
        chatbot.store, chatbot.vectors, chatbot.catalog, ROLES, resolve_aspects(aspects)
    )


def test_every_role_gets_every_aspect_grouped_role_by_role(chatbot: Chatbot) -> None:
    found = passages_for(chatbot, None)
    roles = [p.role for p in found]
    assert roles == sorted(roles, key=ROLES.index)  # one role's passages, then the next's
    assert len({p.id for p in found}) == len(found)
    for role in ROLES:
        parts = {p.part for p in found if p.role == role}
        assert {"Overview", "What they do", "Skills", "Tools and tech stack"} <= parts
        assert any(part.startswith("Salary") for part in parts)
    assert len(found) <= len(ROLES) * len(ASPECTS)


def test_a_single_aspect_gets_more_depth_from_its_section_only(chatbot: Chatbot) -> None:
    found = passages_for(chatbot, ["salary"])
    assert {p.role for p in found} == set(ROLES)
    assert all(p.part.startswith("Salary") for p in found)
    assert len(found) <= 2 * len(ROLES)
