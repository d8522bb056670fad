"""The bundled corpus: eight guides with the same shape, so answers and comparisons line up.

These tests read the real files in corpus/. They check structure (front matter, sections,
length), that guides do not copy prose from each other, that salary figures carry their
source, year and region, and that the user's own opening text survives verbatim.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from bot.core.settings import Settings
from ingest.load import GuideFile, parse_guide

CORPUS = Path(__file__).parent.parent / "corpus"
USER_OPENING = Path(__file__).parent / "fixtures" / "user_guide_opening.txt"

ROLE_IDS = {
    "software-engineer-data-science",
    "data-scientist",
    "data-engineer",
    "machine-learning-engineer",
    "mlops-engineer",
    "data-analyst",
    "analytics-engineer",
    "ai-engineer",
}

# The `## ` sections every guide has, in this order. A guide may lengthen a heading
# (the user's guide says "Overview of Software Engineer (Data Science)"), so a heading
# matches its canonical name exactly or as a prefix followed by more words.
SECTIONS = [
    "Overview",
    "What they do",
    "A typical day",
    "Skills",
    "Tools and tech stack",
    "Education and certifications",
    "Career path and progression",
    "Salary and job outlook",
    "Work environment",
    "How it differs from neighbouring roles",
    "How to get started and transition paths",
    "Interview preparation",
    "Frequently asked questions",
    "Sources",
]

MIN_WORDS, MAX_WORDS = 1_800, 3_000
# Short lines such as "For example:" may repeat harmlessly; real prose may not.
MIN_PARAGRAPH_WORDS = 8

_H2 = re.compile(r"^## +(.+?)\s*$", re.M)
_H3 = re.compile(r"^### +(.+?)\s*$", re.M)
_MONEY_OR_PERCENT = re.compile(r"\$\d|\d+(?:\.\d+)? ?(?:percent|%)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SOURCE = re.compile(r"Bureau of Labor Statistics|\bBLS\b|Survey|Statistics|Handbook")
_REGION = re.compile(r"United States|\bU\.S\.|\bUS\b|global|worldwide", re.I)


def _paths() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and not p.name.startswith("."))


def _load(path: Path) -> GuideFile:
    return parse_guide(path.read_text(encoding="utf-8"), path.name)


GUIDES = {path.name: _load(path) for path in _paths()}
IDS = sorted(GUIDES)


def _sections(text: str) -> dict[str, str]:
    """Body text of each `## ` section, keyed by its canonical name."""
    found: dict[str, str] = {}
    matches = list(_H2.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        name = _canonical(match.group(1))
        if name:
            found[name] = text[match.end() : end]
    return found


def _canonical(heading: str) -> str | None:
    for name in SECTIONS:
        if heading == name or heading.startswith(name + " "):
            return name
    return None


def _paragraphs(text: str) -> list[str]:
    """Prose units: blank-line separated blocks, each list item on its own, headings and
    the Sources list left out, whitespace normalised."""
    sources = re.search(r"^## +Sources\b", text, re.M)
    body = text[: sources.start()] if sources else text
    # A heading may sit directly on top of its first paragraph, so it ends a block too.
    body = re.sub(r"^#.*$", "", body, flags=re.M)
    units: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        for item in re.split(r"\n(?=\s*(?:[-*+]|\d+\.)\s)", block.strip()):
            if item:
                units.append(" ".join(item.split()))
    return units


def _role_names(guide: GuideFile) -> set[str]:
    return {guide.title.lower(), guide.role.replace("-", " ")}


def test_every_bundled_role_has_exactly_one_guide() -> None:
    roles = [g.role for g in GUIDES.values()]
    assert sorted(roles) == sorted(ROLE_IDS)
    for name, guide in GUIDES.items():
        assert name == f"{guide.role}.md"


@pytest.mark.parametrize("name", IDS)
def test_front_matter_is_complete(name: str) -> None:
    guide = GUIDES[name]
    assert guide.warnings == []
    assert guide.title.strip()
    assert guide.aliases, "a guide needs the names people use for the role"
    assert len({a.lower() for a in guide.aliases}) == len(guide.aliases), "duplicate alias"


@pytest.mark.parametrize("name", IDS)
def test_no_alias_names_another_bundled_role(name: str) -> None:
    guide = GUIDES[name]
    others = [g for g in GUIDES.values() if g.role != guide.role]
    for alias in guide.aliases:
        words = f" {alias.lower()} "
        for other in others:
            for other_name in _role_names(other) | {a.lower() for a in other.aliases}:
                assert f" {other_name} " not in words, f"{alias!r} names {other.role}"


@pytest.mark.parametrize("name", IDS)
def test_sections_in_order(name: str) -> None:
    headings = _H2.findall(GUIDES[name].text)
    assert [_canonical(h) for h in headings] == SECTIONS, headings


@pytest.mark.parametrize("name", IDS)
def test_skills_has_technical_and_soft_subsections(name: str) -> None:
    skills = _sections(GUIDES[name].text)["Skills"]
    assert _H3.findall(skills)[:2] == ["Technical skills", "Soft skills"]


@pytest.mark.parametrize("name", IDS)
def test_word_count_in_range(name: str) -> None:
    words = len(GUIDES[name].text.split())
    assert MIN_WORDS <= words <= MAX_WORDS, words


@pytest.mark.parametrize("name", IDS)
def test_differences_name_at_least_three_other_roles(name: str) -> None:
    guide = GUIDES[name]
    section = _sections(guide.text)["How it differs from neighbouring roles"].lower()
    named = {
        other.role
        for other in GUIDES.values()
        if other.role != guide.role and any(n in section for n in _role_names(other))
    }
    assert len(named) >= 3, named


@pytest.mark.parametrize("name", IDS)
def test_faq_has_at_least_five_questions(name: str) -> None:
    questions = _H3.findall(_sections(GUIDES[name].text)["Frequently asked questions"])
    assert len(questions) >= 5
    assert all(q.endswith("?") for q in questions), questions


@pytest.mark.parametrize("name", IDS)
def test_sources_section_is_a_list_with_years(name: str) -> None:
    sources = _sections(GUIDES[name].text)["Sources"]
    items = [line for line in sources.splitlines() if line.startswith("- ")]
    assert items
    for item in items:
        assert _YEAR.search(item), item


@pytest.mark.parametrize("name", IDS)
def test_salary_figures_name_source_year_and_region(name: str) -> None:
    salary = _sections(GUIDES[name].text)["Salary and job outlook"]
    assert _SOURCE.search(salary) and _YEAR.search(salary)
    figures = [p for p in _paragraphs(salary) if _MONEY_OR_PERCENT.search(p)]
    assert figures, "the salary section should give at least one figure"
    for paragraph in figures:
        assert _SOURCE.search(paragraph), paragraph
        assert _YEAR.search(paragraph), paragraph
        assert _REGION.search(paragraph), paragraph


def test_no_paragraph_appears_in_two_guides() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for name, guide in GUIDES.items():
        for paragraph in _paragraphs(guide.text):
            if len(paragraph.split()) >= MIN_PARAGRAPH_WORDS:
                seen[paragraph].add(name)
    shared = {p: sorted(names) for p, names in seen.items() if len(names) > 1}
    assert shared == {}


def test_paragraph_splitter_sees_list_items_and_skips_sources() -> None:
    text = "## A\nIntro line\nhere.\n\n- one\n- two\n### B\nMore.\n\n## Sources\n- BLS, 2025.\n"
    assert _paragraphs(text) == ["Intro line here.", "- one", "- two", "More."]


def _strip_markers(line: str) -> str:
    """A line without the markdown a heading or title may have gained: '#'s and emphasis."""
    line = re.sub(r"^#+\s+", "", line.strip())
    return re.sub(r"^([*_]+)(.*?)\1$", r"\2", line).strip()


def test_user_guide_opening_is_kept_verbatim() -> None:
    """The user's guide begins with their own text, line for line, in their order."""
    opening = [line for line in USER_OPENING.read_text(encoding="utf-8").splitlines() if line]
    guide = GUIDES["software-engineer-data-science.md"]
    body = [line for line in guide.text.splitlines() if line.strip()][: len(opening)]
    for theirs, ours in zip(opening, body, strict=True):
        assert ours == theirs or (ours != _strip_markers(ours) and _strip_markers(ours) == theirs)


def test_strip_markers_only_removes_markdown() -> None:
    assert _strip_markers("## Overview of X") == "Overview of X"
    assert _strip_markers("*A Guide*") == "A Guide"
    assert _strip_markers("A Guide, edited") == "A Guide, edited"


def test_bundled_corpus_ingests_cleanly(bundled_settings: Settings, tmp_path: Path) -> None:
    import ingest

    names = {p.name for p in _paths()}
    # Into a fresh index every guide is new; a dry run plans that without re-embedding.
    fresh = Settings(data_dir=tmp_path / "data", corpus_dir=CORPUS)
    planned = ingest.run(fresh, dry_run=True)
    assert {f.source: f.status for f in planned.files} == dict.fromkeys(names, "added")
    assert all(f.chunks > 0 for f in planned.files)
    assert planned.warnings == []

    # The session fixture ingested the corpus for real: a second run finds nothing to do.
    again = ingest.run(bundled_settings)
    assert {f.source: f.status for f in again.files} == dict.fromkeys(names, "unchanged")
    assert again.failed == 0 and again.warnings == []
    assert again.total_chunks == sum(f.chunks for f in planned.files)
