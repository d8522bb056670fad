import pytest

from ingest.formats import (
    UnreadableFileError,
    html_text,
    pdf_text,
    plain_text_markdown,
    readable_markdown,
)
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


# ---- plain text -------------------------------------------------------------------------

PLAIN = """BI DEVELOPER: CAREER GUIDE

Business intelligence developers build dashboards
and reports for the business.

WHAT THEY DO
They model data. They build reports.

Tools you will use
SQL
Power BI
Tableau

Salary:
The median was $105,990 in May 2024.

You will use these daily:
SQL
Excel
Power BI

Frequently asked questions

Do I need a degree?
Not always. Many come from analyst jobs.
"""


def _headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_plain_line_headings_become_markdown_sections() -> None:
    markdown = plain_text_markdown(PLAIN)
    assert _headings(markdown) == [
        "# BI Developer: Career Guide",  # ALL CAPS title in title case, acronym kept
        "## What they do",
        "## Tools you will use",
        "## Salary",
        "## Frequently asked questions",
        "### Do I need a degree?",  # a question under an FAQ heading is its subsection
    ]
    # A wrapped paragraph is joined; short lines under a heading or a lead-in are a list.
    assert "Business intelligence developers build dashboards and reports for the business." in (
        markdown
    )
    assert "- SQL\n- Power BI\n- Tableau" in markdown
    assert "You will use these daily:\n\n- SQL\n- Excel\n- Power BI" in markdown


def test_a_file_with_a_paragraph_per_line() -> None:
    text = (
        "Data Steward\n"
        "Data Steward: A Comprehensive Career Guide\n"
        "Data stewards own the definitions of a company's data.\n"
        "Overview of the role\n"
        "The job in brief\n"
        "A data steward keeps definitions consistent.\n"
        "Pay and outlook\n"
        "Pay varies by sector.\n"
    )
    assert _headings(plain_text_markdown(text)) == [
        "# Data Steward",
        "## Overview of the role",
        "### The job in brief",  # a heading right under another is its subsection
        "## Pay and outlook",
    ]
    # The subtitle stays as text (emphasised), not a section.
    assert "*Data Steward: A Comprehensive Career Guide*" in plain_text_markdown(text)


def test_sentences_and_markdown_are_left_alone() -> None:
    sentences = "Data stewards own definitions.\nThey work with every team.\n"
    assert _headings(plain_text_markdown(sentences)) == []
    markdown = "# Title\n\nSHOUTING LINE\n\nText.\n"
    assert plain_text_markdown(markdown) == markdown
    # The last line has nothing under it: not a heading.
    assert _headings(plain_text_markdown("Some text here, long enough.\n\nThe End")) == []


# ---- pages and PDFs written elsewhere ----------------------------------------------------


def test_a_careers_page_keeps_its_sections_and_pay_table_without_the_site_chrome() -> None:
    from tests.styles import STYLES

    text = html_text((STYLES / "careers-information-security-analyst.html").read_text())
    assert text.startswith("# Information Security Analyst")
    for heading in ("## What you'll do", "## What you'll need", "### Nice to have", "## Pay"):
        assert f"\n{heading}" in text
    assert "| Security Analyst I | £38,000 – £46,000 |" in text
    assert "- Watch alerts from our SIEM" in text
    for chrome in ("cookie", "Patient sign in", "Newsroom", "Modern slavery", "Similar jobs"):
        assert chrome not in text
    # A paragraph is one line, however the page's source wrapped it.
    assert "As an information security analyst on our Security Operations team you" in text


def test_a_page_without_landmarks_loses_its_chrome_by_id_and_class() -> None:
    page = """<div id="top-nav"><ul><li>Home</li><li>Subjects</li></ul></div>
    <h1>Geographers</h1><div class="content"><h2>Pay</h2>
    <table><tr><td>Geographers</td><td>$90,880</td></tr></table></div>
    <div id="footer">Privacy &amp; Security</div>"""
    text = html_text(page)
    assert "Subjects" not in text and "Privacy" not in text
    assert "## Pay" in text and "| Geographers | $90,880 |" in text


def test_deep_html_headings_become_subsections() -> None:
    text = html_text("<h1>Cartographer</h1><h2>Skills</h2><h5>GIS</h5><p>ArcGIS.</p>")
    assert "### GIS" in text and "#####" not in text


def test_pdf_paragraphs_are_rejoined_and_headings_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.styles import write_pdf

    raw = write_pdf(tmp_path / "guide.pdf").read_bytes()
    text = plain_text_markdown(pdf_text(raw))
    assert text.startswith("# A Guide to Becoming an Operations Research Analyst")
    for heading in ("## The work itself", "## Earnings", "## Job prospects"):
        assert f"\n{heading}\n" in text
    assert "analysts was $83,640 in May 2023. Analysts in the federal government" in text


def test_wrapped_paragraphs_and_list_items_become_one_line_each() -> None:
    text = (
        "# Actuary\n\nThe median wage for actuaries was\n$120,000 in May 2023.\n\n"
        "- Communication: actuaries explain numbers to boards who\n  are not mathematicians.\n"
        "- Persistence.\n\n## Pay\n```\ncode stays\nas it is\n```\n"
    )
    out = readable_markdown(text)
    assert "The median wage for actuaries was $120,000 in May 2023." in out
    assert "- Communication: actuaries explain numbers to boards who are not mathematicians." in out
    assert "\n- Persistence.\n" in out and "\n## Pay\n" in out
    assert "code stays\nas it is" in out


def test_table_rows_become_labelled_list_items() -> None:
    table = (
        "## Pay\n| Source | Figure |\n|---|---|\n| Median wage (BLS, May 2023) | $104,110 |\n\n"
        "| Level | Base salary | Typical experience |\n| --- | --- | --- |\n"
        "| Analyst I | £38,000 | 2 years |\n"
    )
    out = readable_markdown(table)
    assert "- Median wage (BLS, May 2023): $104,110." in out
    assert "- Analyst I: base salary £38,000; typical experience 2 years." in out
    assert "|" not in out
    # A table without a header row: its first row holds figures and is kept as a row.
    headerless = readable_markdown(
        "| Epidemiologists | $81,390 |\n| --- | --- |\n| All | $48,060 |"
    )
    assert "- Epidemiologists: $81,390." in headerless and "- All: $48,060." in headerless


def test_text_without_tables_or_wrapping_is_unchanged() -> None:
    text = "# Data Engineer\n\n## Skills\n\nSQL and Python matter.\n\n- Spark.\n- Airflow.\n"
    assert readable_markdown(text) == text


def test_a_page_with_hashed_class_names_loses_menus_breadcrumbs_and_banners() -> None:
    """A page with no landmark and no telling id or class (CSS modules: "sc-4f2a"): its
    chrome is known by its shape, link-dense blocks and a few words beside buttons, while
    the sections, the list of duties and the pay table stay."""
    page = """<html><head><title>Careers in cartography | Atlas Maps</title></head><body>
    <div class="sc-1"><p>We use cookies to make this site work.</p>
      <button>Accept</button><button>Reject</button></div>
    <div class="sc-2"><a href="/"><img src="logo.svg"></a>
      <ul><li><a href="/teams">Our teams</a></li><li><a href="/jobs">Search jobs</a></li></ul>
      <a href="/login">Candidate login</a></div>
    <div class="sc-3"><a href="/">Careers home</a> / <a href="/teams">Teams</a> / Maps</div>
    <div class="sc-4"><h1>Careers in cartography</h1>
      <p>Our cartographers design the maps that walkers, sailors and planners rely on.</p>
      <h2>What you'll do</h2>
      <ul><li>Design printed and web maps from survey data.</li>
          <li>Check every label against the <a href="/style">house style guide</a>
              before print.</li></ul>
      <h2>Pay</h2>
      <table><tr><th>Level</th><th>Salary</th></tr>
        <tr><td>Cartographer</td><td>£31,000</td></tr></table>
    </div>
    <div class="sc-5"><a href="/privacy">Privacy notice</a>
      <a href="/cookies">Cookie policy</a></div>
    </body></html>"""
    text = html_text(page)
    for chrome in (
        "cookies",
        "Accept",
        "Search jobs",
        "Candidate login",
        "Careers home",
        "Privacy",
    ):
        assert chrome not in text, chrome
    assert text.startswith("# Careers in cartography")
    assert "\n## What you'll do\n" in text and "\n## Pay\n" in text
    assert "- Check every label against the house style guide before print." in text
    assert "| Cartographer | £31,000 |" in text


def test_the_committed_pdf_guide_is_the_text_the_test_owns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """tests/fixtures/foreign holds a PDF for the eval command, which reads files; it is the
    fpdf2 rendering of ``DAY_PDF_GUIDE``, and its headings come back as sections."""
    from tests.styles import DAY_PDF_GUIDE, DAY_PDF_NAME, FOREIGN, write_pdf

    fresh = write_pdf(tmp_path / DAY_PDF_NAME, DAY_PDF_GUIDE).read_bytes()
    assert (FOREIGN / DAY_PDF_NAME).read_bytes() == fresh
    text = plain_text_markdown(pdf_text(fresh))
    assert text.startswith("# A Day in the Life of a Clinical Data Manager")
    for kind, heading in DAY_PDF_GUIDE:
        if kind == "heading":
            assert f"\n## {heading}\n" in text
    assert "earned a median of £48,000 a year" in text


def test_a_year_in_a_header_keeps_it_a_header_and_a_level_number_keeps_its_column_name() -> None:
    table = (
        "| Level | Typical base salary (London, 2025) | Typical bonus |\n|---|---|---|\n"
        "| Junior quant | £70,000 to £95,000 | 10% to 30% of base |\n\n"
        "| Level | Job title | Salary band |\n| --- | --- | --- |\n"
        "| 2 | GIS analyst | £32,000 to £39,500 |\n"
    )
    out = readable_markdown(table)
    assert "Level: Typical base salary" not in out
    assert (
        "- Junior quant: typical base salary (London, 2025) £70,000 to £95,000; "
        "typical bonus 10% to 30% of base." in out
    )
    assert "- Level 2: job title GIS analyst; salary band £32,000 to £39,500." in out


def test_a_definition_list_of_key_facts_becomes_term_and_definition_items() -> None:
    """A job profile's key facts ("Average salary (a year)" / "£24,000 to £52,000") keep
    their terms: markdownify alone writes "term\\n:   definition", which is neither a
    sentence nor a list item, and the figure would be quoted without what it measures."""
    page = """<html><body><main><h1>Market research analyst</h1>
    <dl class="key-facts">
      <div><dt>Average salary <span>(a year)</span></dt><dd>£24,000 to £52,000</dd></div>
      <div><dt>Typical hours</dt><dd>37 to 40 a week</dd></div>
    </dl>
    <details><summary><h2>How to become one</h2></summary><p>Take a degree.</p></details>
    </main></body></html>"""
    text = html_text(page)
    assert "- Average salary (a year): £24,000 to £52,000\n- Typical hours: 37 to 40 a week" in text
    assert ":   " not in text
    assert "\n## How to become one\n\nTake a degree." in text


def test_a_pdf_pay_table_s_rows_read_as_label_and_amount(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The committed "Become a ..." PDF draws its pay as a two-column ruled table; pypdf
    gives each row as one line, cells side by side, and the header row names no figure."""
    from tests.styles import BECOME_PDF_GUIDE, BECOME_PDF_NAME, FOREIGN, write_pdf

    fresh = write_pdf(tmp_path / BECOME_PDF_NAME, BECOME_PDF_GUIDE).read_bytes()
    assert (FOREIGN / BECOME_PDF_NAME).read_bytes() == fresh
    text = plain_text_markdown(pdf_text(fresh))
    assert text.startswith("# Become a Data Protection Officer")
    assert (
        "- Data protection officer (entry): £35,000 to £45,000.\n"
        "- Data protection officer: £50,000 to £70,000.\n"
        "- Senior DPO or head of privacy: £75,000 to £100,000."
    ) in text
    assert "Job title" not in text
