import pytest

from ingest.formats import UnreadableFileError, html_text, pdf_text
from tests.documents import minimal_pdf


def test_pdf_text_comes_out_of_a_real_pdf() -> None:
    raw = minimal_pdf(["Quantitative Researcher", "Builds pricing models (in Python)."])
    text = pdf_text(raw)
    assert "Quantitative Researcher" in text
    assert "Builds pricing models (in Python)." in text


def test_damaged_pdf_is_unreadable_not_a_crash() -> None:
    with pytest.raises(UnreadableFileError, match="PDF"):
        pdf_text(b"%PDF-1.4\nthis is not really a pdf")


def test_html_keeps_text_and_headings_drops_script_and_style() -> None:
    page = """<html><head><title>Data Steward</title><style>p {color: red}</style>
    <script>var secret = "tracking";</script></head>
    <body><h1>Data Steward</h1><p>Owns data quality &amp; definitions.</p>
    <h2>Skills</h2><ul><li>SQL</li><li>Governance</li></ul>
    <noscript>enable js</noscript></body></html>"""
    text = html_text(page)
    assert "# Data Steward" in text
    assert "## Skills" in text
    assert "Owns data quality & definitions." in text
    assert "- SQL" in text and "- Governance" in text
    for dropped in ("secret", "color", "enable js", "tracking"):
        assert dropped not in text


def test_html_title_becomes_heading_when_there_is_none() -> None:
    text = html_text("<title>BI Developer</title><p>Builds dashboards.</p>")
    assert text.startswith("# BI Developer")
    assert "Builds dashboards." in text
