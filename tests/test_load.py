import os
from pathlib import Path

import pytest

from ingest.load import Skipped, discover, load_corpus, load_one, parse_guide

LIMIT = 10_000


def test_front_matter_gives_role_title_aliases() -> None:
    guide = parse_guide(
        "---\nrole: data-engineer\ntitle: Data Engineer\naliases: [DE]\n---\n# X\n", "a.md"
    )
    assert (guide.role, guide.title, guide.aliases) == ("data-engineer", "Data Engineer", ["DE"])
    assert guide.text.startswith("# X")
    assert guide.warnings == []


def test_without_front_matter_uses_file_name_and_heading() -> None:
    guide = parse_guide("# Quantum Analyst\n\nText here.\n", "sub/quantum_analyst.md")
    assert guide.role == "quantum-analyst"
    assert guide.title == "Quantum Analyst"


def test_broken_front_matter_ingests_with_defaults_and_a_warning() -> None:
    guide = parse_guide("---\nrole: [unclosed\n---\n# Title Here\nBody.\n", "broken.md")
    assert guide.role == "broken"
    assert guide.title == "Title Here"
    assert guide.warnings and "front matter" in guide.warnings[0]


def test_bad_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("# Good\n\nA good guide.\n")
    (corpus / "empty.md").write_text("  \n")
    (corpus / "binary.md").write_bytes(b"\x00\x01\x02" * 10)
    (corpus / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (corpus / "huge.md").write_text("x" * (LIMIT + 1))
    (corpus / "image.png").write_bytes(b"\x89PNG")
    (corpus / ".hidden.md").write_text("# hidden\n")
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n")
    os.symlink(outside, corpus / "link.md")

    result = load_corpus(corpus, LIMIT)

    assert [f.source for f in result.files] == ["good.md"]
    reasons = {s.source: s.reason for s in result.skipped}
    assert "empty" in reasons["empty.md"]
    assert "binary" in reasons["binary.md"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "too large" in reasons["huge.md"]
    assert "unsupported" in reasons["image.png"]
    assert "outside" in reasons["link.md"]
    assert ".hidden.md" not in reasons


def alias_bomb(levels: int = 9) -> str:
    """The 517-byte guide of issue 14: each level is a list of nine aliases of the one
    before, so ``aliases`` expands into 9**levels strings (134 s and 3.2 GB at 9)."""
    lines = ["---", "role: bomb", "a0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    lines += [f"aliases: *l{levels - 1}", "---", "# Bomb", "", "Text."]
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_skipped_with_a_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bomb.md").write_text(alias_bomb())
    (corpus / "good.md").write_text("---\nrole: good\naliases: [G]\n---\n# Good\n\nText.\n")

    result = load_corpus(corpus, LIMIT)

    assert [f.source for f in result.files] == ["good.md"]
    assert result.files[0].aliases == ["G"]
    [skipped] = result.skipped
    assert skipped.source == "bomb.md" and "aliases" in skipped.reason


def test_front_matter_is_capped_in_size_and_aliases(tmp_path: Path) -> None:
    from ingest.formats import UnreadableFileError
    from ingest.front_matter import MAX_ALIASES, MAX_FRONT_MATTER_BYTES

    names = ", ".join(f"name{n}" for n in range(MAX_ALIASES + 30))
    guide = parse_guide(f"---\nrole: many\naliases: [{names}, {'y' * 500}]\n---\nBody.\n", "m.md")
    assert len(guide.aliases) == MAX_ALIASES and all(len(a) < 100 for a in guide.aliases)
    assert any("only the first" in w for w in guide.warnings)
    huge = "---\nrole: big\nnotes: " + "z" * MAX_FRONT_MATTER_BYTES + "\n---\nBody.\n"
    with pytest.raises(UnreadableFileError, match="front matter is larger"):
        parse_guide(huge, "big.md")


def test_one_bad_file_never_stops_the_load(tmp_path: Path) -> None:
    """Each of these stopped a whole ingest (issue 14, finding 2)."""
    from tests.documents import bomb_pdf, encrypted_pdf, minimal_pdf

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("# Good\n\nA good guide.\n")
    os.symlink("loop-b.md", corpus / "loop-a.md")  # a symlink loop
    os.symlink("loop-a.md", corpus / "loop-b.md")
    bad_name = os.fsdecode(b"caf\xe9-guide.md")  # not UTF-8 (Latin-1 from an old system)
    (corpus / bad_name).write_text("# Cafe\n\nText.\n")
    (corpus / "locked.pdf").write_bytes(encrypted_pdf(b"/Weird /V 9"))  # unsupported
    (corpus / "aes.pdf").write_bytes(encrypted_pdf())
    (corpus / "bomb.pdf").write_bytes(bomb_pdf(100_000_000))
    (corpus / "fine.pdf").write_bytes(minimal_pdf(["# Fine", "A readable PDF guide."]))
    (corpus / "vanishing.md").write_text("# Vanishing\n\nHere, then gone.\n")

    listed = list(discover(corpus))
    (corpus / "vanishing.md").unlink()  # deleted between listing and reading
    root = corpus.resolve()
    limit = 2_000_000  # the bomb is a few hundred KB: it must reach pypdf
    loaded = [load_one(path, corpus, root, limit) for path in listed]

    good = sorted(x.source for x in loaded if not isinstance(x, Skipped))
    assert good == ["fine.pdf", "good.md"]
    reasons = {x.source: x.reason for x in loaded if isinstance(x, Skipped)}
    assert "loop" in reasons["loop-a.md"] and "loop" in reasons["loop-b.md"]
    assert "not valid UTF-8" in reasons["caf\ufffd-guide.md"]
    assert "feature pypdf cannot read" in reasons["locked.pdf"]
    assert "encrypted" in reasons["aes.pdf"]
    assert "size limits" in reasons["bomb.pdf"]
    assert "vanished" in reasons["vanishing.md"]
    # And the whole-corpus load says the same.
    assert sorted(f.source for f in load_corpus(corpus, limit).files) == good


FOREIGN = Path(__file__).parent / "fixtures" / "foreign"
BUNDLED = Path(__file__).parent.parent / "corpus"


def _by_role(corpus: Path) -> dict[str, object]:
    return {g.role: g for g in load_corpus(corpus, 2_000_000).files}


def test_guides_from_a_career_site_get_the_names_a_reader_uses() -> None:
    guides = _by_role(FOREIGN)
    names = {role: (g.title, g.source, g.aliases) for role, g in guides.items()}  # type: ignore[attr-defined]
    older = {"data-architect", "bi-developer", "database-administrator"}
    assert {role: names[role] for role in older} == {
        # "# Data Architect: Career Guide" in data-architect-career-guide.md
        # (no "DA": the guide never writes those initials)
        "data-architect": ("Data Architect", "data-architect-career-guide.md", []),
        # first line "BI Developer Career Guide"; the text spells out "business intelligence"
        "bi-developer": ("BI Developer", "bi-developer.txt", ["Business Intelligence Developer"]),
        # no heading at all: the title comes from the file name, "(DBAs)" from the text
        "database-administrator": ("Database Administrator", "database-administrator.md", ["DBA"]),
    }


def test_titles_that_are_not_the_role_s_name_give_the_name_the_text_uses() -> None:
    """A careers page, a "day in the life" PDF and a "So you want to be a ...?" page: each
    is named as its text names its people, with the short name people use as an alias."""
    guides = _by_role(FOREIGN)
    found = {role: (g.title, g.source) for role, g in guides.items()}  # type: ignore[attr-defined]
    # "A Day in the Life of a Clinical Data Manager": "A Day in the Life of" never recurs.
    assert found["clinical-data-manager"] == (
        "Clinical Data Manager",
        "a-day-in-the-life-of-a-clinical-data-manager.pdf",
    )
    # "Careers in geospatial analysis": the text's people are "geospatial analysts".
    assert found["geospatial-analysis"] == (
        "Geospatial Analyst",
        "careers-geospatial-analysis.html",
    )
    # "So you want to be a quant?": 'Quantitative analysts, known ... as "quants"'.
    assert found["quant"] == ("Quantitative Analyst", "so-you-want-to-be-a-quant.md")
    aliases = {role: g.aliases for role, g in guides.items()}  # type: ignore[attr-defined]
    assert "CDM" in aliases["clinical-data-manager"]  # "clinical data managers (CDMs)"
    assert (
        "GIS analyst" in aliases["geospatial-analysis"]
    )  # "or GIS analysts as most people call them"


def test_a_guessed_alias_another_guide_owns_is_dropped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for guide in [BUNDLED / "data-analyst.md", *FOREIGN.iterdir()]:
        (corpus / guide.name).write_bytes(guide.read_bytes())
    guides = _by_role(corpus)
    assert guides["data-architect"].aliases == []  # type: ignore[attr-defined]
    assert "DA" in guides["data-analyst"].aliases  # type: ignore[attr-defined]
    assert guides["database-administrator"].aliases == ["DBA"]  # type: ignore[attr-defined]


def test_front_matter_aliases_are_the_whole_list() -> None:
    guide = parse_guide("---\naliases: [architect]\n---\n# Data Architect\n", "da.md")
    assert guide.aliases == ["architect"] and guide.guessed_aliases == []
    no_list = parse_guide(
        "---\nrole: data-architect\n---\n# Data Architect: Career Guide\n", "x.md"
    )
    assert (no_list.role, no_list.title, no_list.aliases) == (
        "data-architect",
        "Data Architect",
        [],
    )


def test_txt_title_is_its_first_line_and_its_headings_are_kept(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "steward.txt").write_text(
        "Data Steward: Career Guide\nData stewards own definitions.\n"
        "Skills you need\nCareful reading and SQL.\n"
    )
    (guide,) = load_corpus(corpus, LIMIT).files
    assert (guide.role, guide.title) == ("steward", "Data Steward")
    assert "## Skills you need" in guide.text


def test_the_role_catalog_knows_the_new_names() -> None:
    from bot.core.roles import Role, RoleCatalog

    guides = load_corpus(FOREIGN, 2_000_000).files
    catalog = RoleCatalog.from_roles(Role(g.role, g.title, tuple(g.aliases)) for g in guides)
    assert catalog.resolve("How much do data architects earn?") == ["data-architect"]
    assert catalog.resolve("Is a DBA job stressful?") == ["database-administrator"]
    assert catalog.resolve("business intelligence developer skills") == ["bi-developer"]
    assert catalog.lookup("data architect") == "data-architect"
    assert catalog.lookup("BI developer") == "bi-developer"


def test_txt_front_matter_is_read_before_its_headings_are_found(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_text(
        "---\nrole: data-steward\ntitle: Data Steward\naliases: [DSt]\n---\n"
        "Skills you need\nCareful reading and SQL.\n"
    )
    (guide,) = load_corpus(corpus, LIMIT).files
    assert (guide.role, guide.title, guide.aliases) == ("data-steward", "Data Steward", ["DSt"])
    assert guide.text.startswith("## Skills you need")


def test_a_link_to_a_directory_is_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text("# Good\n\nText.\n")
    os.symlink(corpus, corpus / "again")  # would list the corpus forever if followed
    result = load_corpus(corpus, LIMIT)
    assert [f.source for f in result.files] == ["good.md"]
    assert [(s.source, s.reason) for s in result.skipped] == [
        ("again", "link to a directory (not followed)")
    ]


def test_guides_in_other_styles_are_named_as_their_text_names_their_people(
    tmp_path: Path,
) -> None:
    from tests.styles import styles_corpus

    corpus = styles_corpus(tmp_path / "guides")
    files = {f.source: f for f in load_corpus(corpus, 10_000_000).files}
    named = {s: (f.role, f.title) for s, f in files.items()}
    assert named["careers-information-security-analyst.html"] == (
        "information-security-analyst",
        "Information Security Analyst",
    )
    assert named["so-you-want-to-be-a-statistician.md"] == ("statistician", "Statistician")
    assert named["careers-in-actuarial-science.md"] == ("actuarial-science", "Actuary")
    assert named["epidemiologists.htm"] == ("epidemiologist", "Epidemiologist")
    assert named["operations-research-analyst.pdf"] == (
        "operations-research-analyst",
        "Operations Research Analyst",
    )
    assert "Security Analyst" in files["careers-information-security-analyst.html"].aliases
    assert "OR Analyst" in files["operations-research-analyst.pdf"].aliases
    assert "epidemiology" in files["epidemiologists.htm"].aliases
    # The PDF's headings are sections.
    assert "\n## Earnings\n" in files["operations-research-analyst.pdf"].text


def test_every_fixture_guide_keeps_only_aliases_that_name_it(tmp_path: Path) -> None:
    """All foreign fixtures with the bundled guides, as a user's corpus: initials no guide
    writes ("GA", "QA", "ISA", "ORA") and generic words ("Clinical Data", "Data Manager")
    are no aliases; the names the guides use ("GIS analyst", "CDM", "OR Analyst") are."""
    from tests.styles import styles_corpus

    corpus = styles_corpus(tmp_path / "guides")
    for guide in BUNDLED.iterdir():
        (corpus / guide.name).write_bytes(guide.read_bytes())
    guides = _by_role(corpus)
    guessed = {role: g.guessed_aliases for role, g in guides.items() if g.guessed_aliases}  # type: ignore[attr-defined]
    assert guessed == {
        "bi-developer": ["Business Intelligence Developer"],
        "clinical-data-manager": ["CDM"],
        "database-administrator": ["DBA"],
        "epidemiologist": ["epidemiology"],
        "geospatial-analysis": ["GIS analyst"],
        "information-security-analyst": ["Security Analyst"],
        "operations-research-analyst": ["OR Analyst", "Operations Research"],
        "data-protection-officer": ["DPO", "Data Protection"],
        "market-research-analyst": ["Market research"],
    }


def test_a_job_profile_page_and_a_become_a_pdf_are_named_as_people_call_them() -> None:
    """A government-style job profile (key facts in a definition list, sections in an
    accordion) and a "Become a ..." PDF: the role is the job, its abbreviation an alias."""
    guides = _by_role(FOREIGN)
    profile = guides["market-research-analyst"]
    assert (profile.title, profile.source) == (  # type: ignore[attr-defined]
        "Market research analyst",
        "market-research-analyst-job-profile.html",
    )
    assert "- Average salary (a year): £24,000 Starter to £52,000 Experienced" in profile.text  # type: ignore[attr-defined]
    assert "\n## How to become a market research analyst\n" in profile.text  # type: ignore[attr-defined]
    officer = guides["data-protection-officer"]
    assert (officer.title, officer.aliases[0]) == ("Data Protection Officer", "DPO")  # type: ignore[attr-defined]
