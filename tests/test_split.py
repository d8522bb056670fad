import tracemalloc
from pathlib import Path

from bot.index.store import body_of
from ingest.load import Skipped, load_file, parse_guide
from ingest.split import MAX_CHUNKS, split_guide
from tests.hostile import hostile_guides, write_hostile

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


def test_a_guide_s_own_heading_stands_for_the_title_its_people_give_it() -> None:
    text = (
        "# Careers in Actuarial Science\n\nThe people who do this work are actuaries.\n\n"
        "## What actuaries do\n\nAn actuary prices risk; actuaries sit exams.\n"
    )
    guide = parse_guide(text, "careers-in-actuarial-science.md")
    assert guide.title == "Actuary"
    sections = {c.metadata["section"] for c in split_guide(guide, 500, 50)}
    assert sections == {"Actuary > Overview", "Actuary > What actuaries do"}


def _hostile_loaded(tmp_path: Path) -> dict[str, tuple[int, list[str], float]]:
    """Each hostile guide loaded and split alone: chunks, warnings, traced peak in MiB."""
    write_hostile(tmp_path / "hostile")
    out: dict[str, tuple[int, list[str], float]] = {}
    for path in sorted((tmp_path / "hostile").iterdir()):
        tracemalloc.start()
        try:
            loaded = load_file(path, path.name, path.parent.resolve(), 2_000_000)
            chunks = [] if isinstance(loaded, Skipped) else split_guide(loaded, 900, 120)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
        warnings = [loaded.reason] if isinstance(loaded, Skipped) else loaded.warnings
        out[path.name] = (len(chunks), warnings, peak)
    return out


def test_hostile_guides_make_a_bounded_number_of_chunks_in_bounded_memory(
    tmp_path: Path,
) -> None:
    """Before: the 1.9 MB word made 2,436 chunks of 'aaaa', the headings 60,000."""
    found = _hostile_loaded(tmp_path)
    for name, (chunks, _warnings, peak) in found.items():
        assert chunks <= MAX_CHUNKS, name
        # Python objects for a 2 MB file, whatever it holds; the heading flood is the
        # dearest (one dict per line inside the header splitter, about 85 MiB).
        assert peak < 160, (name, peak)
    assert found["one-word.md"][:2] == (
        1,
        ["1 word(s) longer than 200 characters cut to their first 200"],
    )
    assert found["one-line.md"][0] == found["headings.md"][0] == MAX_CHUNKS
    assert found["headings.md"][1] == [
        "too long: 60,000 chunks, only the first 500 are indexed (split it into several guides)"
    ]
    assert found["nested.html"][:2] == (0, ["nested too deeply to read"])
    assert 0 < found["nested-lists.md"][0] < MAX_CHUNKS


def test_a_short_word_and_a_short_guide_are_left_whole() -> None:
    url = "https://www.bls.gov/ooh/computer-and-information-technology/" + "x" * 100
    guide = parse_guide(f"# Role\n\n## Pay\n\nSee {url} for the figures.\n", "role.md")
    chunks = split_guide(guide, 900, 120, max_chunks=1)
    assert url in chunks[0].page_content and guide.warnings == []


def test_the_chunk_bound_is_a_setting_and_the_ingest_reports_it(
    tmp_path: Path, corpus_copy: Path
) -> None:
    import ingest
    from tests.conftest import make_settings
    from tests.fakes import FAKE_MODEL

    (corpus_copy / "one-line.md").write_text(hostile_guides()["one-line.md"])
    settings = make_settings(
        tmp_path / "data", corpus_copy, embedding_model=FAKE_MODEL, max_guide_chunks=40
    )
    report = ingest.run(settings)
    line = next(f for f in report.files if f.source == "one-line.md")
    assert (line.status, line.chunks) == ("added", 40)
    assert "one-line.md: too long: 1,307 chunks, only the first 40 are indexed" in " ".join(
        report.warnings
    )
