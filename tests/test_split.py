from bot.index.store import body_of
from ingest.load import parse_guide
from ingest.split import split_guide

GUIDE = """---
role: data-engineer
title: Data Engineer
---
# Data Engineer

Intro paragraph.

## Skills

### Technical skills
SQL and Python.

## Tools and tech stack
""" + ("Airflow schedules pipelines. " * 60)


def test_chunks_carry_section_paths_and_metadata() -> None:
    chunks = split_guide(parse_guide(GUIDE, "data-engineer.md"), chunk_size=300, chunk_overlap=50)
    sections = [c.metadata["section"] for c in chunks]
    # The untitled intro is the overview.
    assert sections[0] == "Data Engineer > Overview"
    assert "Data Engineer > Skills > Technical skills" in sections
    tools = [c for c in chunks if c.metadata["part"] == "Tools and tech stack"]
    assert len(tools) > 1  # split by size within the section
    for chunk in chunks:
        assert chunk.metadata["role"] == "data-engineer"
        assert chunk.metadata["source"] == "data-engineer.md"
        body = body_of(chunk.page_content, chunk.metadata["section"])
        assert chunk.page_content.startswith(chunk.metadata["section"])
        assert len(body) <= 300
    assert [c.metadata["seq"] for c in chunks] == list(range(len(chunks)))


def test_text_without_headings_is_one_section_named_after_the_title() -> None:
    chunks = split_guide(parse_guide("Plain notes about a role.", "notes.txt"), 500, 50)
    assert [c.metadata["section"] for c in chunks] == ["Notes"]


def test_sources_section_is_not_indexed() -> None:
    text = "# Role\n\n## Overview\nThe role in brief.\n\n## Sources\n- BLS, Handbook, 2025.\n"
    chunks = split_guide(parse_guide(text, "role.md"), 500, 50)
    assert [c.metadata["part"] for c in chunks] == ["Overview"]


def test_untitled_opening_is_the_overview_section() -> None:
    text = "Database administrators keep data safe.\n\n## What they do\nBackups.\n"
    chunks = split_guide(parse_guide(text, "database-administrator.md"), 500, 50)
    assert [(c.metadata["section"], c.metadata["part"]) for c in chunks] == [
        ("Database Administrator > Overview", "Overview"),
        ("Database Administrator > What they do", "What they do"),
    ]


def test_foreign_guides_are_split_into_their_own_sections() -> None:
    from pathlib import Path

    from ingest.load import load_corpus

    foreign = Path(__file__).parent / "fixtures" / "foreign"
    parts = {
        g.source: {c.metadata["part"] for c in split_guide(g, 800, 100)}
        for g in load_corpus(foreign, 2_000_000).files
    }
    # The .txt keeps its plain-line headings (ALL CAPS, "Skills:", short lines).
    assert {
        "Overview",
        "What a BI developer does",
        "Day to day",
        "Skills",
        "Salary and demand",
        "Remote work",
        "Frequently asked questions",
    } <= parts["bi-developer.txt"]
    assert {"Overview", "What they do", "Salary and job outlook"} <= parts[
        "database-administrator.md"
    ]
    assert {
        "Overview",
        "What does a data architect do?",
        "Skills you need",
        "Pay and outlook",
        "How to become one",
    } <= parts["data-architect-career-guide.md"]
    # The section path starts with the title, without "Career Guide".
    architect = load_corpus(foreign, 2_000_000).files
    sections = {c.metadata["section"] for g in architect for c in split_guide(g, 800, 100)}
    assert "Data Architect > Pay and outlook" in sections
    assert "BI Developer > Salary and demand" in sections
    assert not any("Guide" in s for s in sections)
    # Sources sections are never indexed, whatever the format.
    assert not any("Sources" in p for ps in parts.values() for p in ps)
