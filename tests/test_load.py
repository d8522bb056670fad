import os
from pathlib import Path

from ingest.load import load_corpus, parse_guide

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
