"""Guides written in styles careerbot was not built for, gathered into one corpus dir.

``tests/fixtures/styles`` holds a careers-page HTML export, a table-heavy markdown page, a
"Careers in ..." guide and a handbook-style HTML profile; the PDF guide is written here with
fpdf2 (bold headings, body text, no markup a converter could lean on), because a PDF is a
binary made by a tool and the test should own the tool's input. ``styles_corpus`` puts them
next to the older foreign fixtures, as a user's own folder of downloaded guides would be.

``python -m tests.styles DIR`` writes that folder, for ``careerbot eval --foreign DIR``.
"""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
STYLES = FIXTURES / "styles"
FOREIGN = FIXTURES / "foreign"
PDF_NAME = "operations-research-analyst.pdf"
HELDOUT = STYLES / "heldout.yaml"

# (kind, text): "title", "heading" or "body". Facts from the US Bureau of Labor Statistics'
# Occupational Outlook Handbook profile of operations research analysts (2023 figures).
PDF_GUIDE: tuple[tuple[str, str], ...] = (
    ("title", "A Guide to Becoming an Operations Research Analyst"),
    (
        "body",
        "Operations research (OR) analysts use mathematics and analytical methods to help "
        "organisations decide how to use their people, money and equipment. Airlines ask them "
        "how to schedule crews, hospitals how to staff wards, and retailers where to put "
        "their warehouses. This guide explains what the work involves and how to get into it.",
    ),
    ("heading", "The work itself"),
    (
        "body",
        "An operations research analyst starts from a decision someone has to make and turns "
        "it into a model: an optimisation problem, a simulation or a queueing model. They "
        "collect data from databases, sales records and the people who run the process, "
        "build and test the model, and then present the options and their trade-offs to "
        "managers. Much of the job is asking good questions before any mathematics starts.",
    ),
    (
        "body",
        "Typical projects include vehicle routing for deliveries, production planning in a "
        "factory, pricing and revenue management for hotels, and logistics planning for the "
        "armed forces, where the field began during the Second World War.",
    ),
    ("heading", "Where OR analysts work"),
    (
        "body",
        "The largest employers are finance and insurance firms, professional and technical "
        "consultancies, manufacturers, and the federal government, including the Department "
        "of Defense. Most analysts work full time in offices, in teams with engineers, "
        "software developers and business managers.",
    ),
    ("heading", "Knowledge and skills"),
    (
        "body",
        "Employers look for linear and integer programming, simulation, statistics and "
        "forecasting. Analysts write code in Python or R, use solvers such as Gurobi or "
        "CPLEX, and query data with SQL. Just as important are problem-solving, critical "
        "thinking and the ability to explain a model's recommendation to people who will "
        "never read its equations.",
    ),
    ("heading", "Education and training"),
    (
        "body",
        "Some entry-level positions are open to people with a bachelor's degree, but many "
        "employers prefer a master's degree in operations research, industrial engineering, "
        "analytics, mathematics or computer science. Courses in calculus, linear algebra and "
        "optimisation are the core. The INFORMS Certified Analytics Professional credential "
        "is optional but recognised.",
    ),
    ("heading", "Earnings"),
    (
        "body",
        "According to the Bureau of Labor Statistics, the median annual wage for operations "
        "research analysts was $83,640 in May 2023. Analysts in the federal government and "
        "in manufacturing tend to earn more than those in finance and insurance.",
    ),
    ("heading", "Job prospects"),
    (
        "body",
        "Employment of operations research analysts is projected to grow 23 percent from "
        "2023 to 2033, much faster than the average for all occupations, as organisations "
        "look for ways to cut costs and use the data they collect. About 10,300 openings "
        "are expected each year, on average, over the decade.",
    ),
)


# The PDF among the dev eval's foreign guides (tests/fixtures/foreign, committed as a PDF the
# eval command reads; ``tests/test_formats.py`` checks it is this text): a "day in the life"
# title that is not the role's name, the short name its people go by ("CDMs"), and the
# abbreviations a sentence splitter must not cut at (Dr., a.m., approx., B.Sc.).
DAY_PDF_NAME = "a-day-in-the-life-of-a-clinical-data-manager.pdf"
DAY_PDF_GUIDE: tuple[tuple[str, str], ...] = (
    ("title", "A Day in the Life of a Clinical Data Manager"),
    (
        "body",
        "Clinical data managers (CDMs) make sure that the data collected in a clinical trial "
        "is complete, accurate and ready for analysis. We followed Priya, a senior clinical "
        "data manager at a contract research organisation in Cambridge, through a Tuesday.",
    ),
    ("heading", "Morning: queries and data cleaning"),
    (
        "body",
        "Priya starts at approx. 8.30 a.m. with the overnight data from twelve hospitals. "
        "Edit checks in the electronic data capture system flag values that cannot be right, "
        "e.g. a blood pressure of 12/8 or a visit dated before the patient enrolled. She "
        "raises a query for each one, and the site staff answer it in the system. A clinical "
        "data manager spends much of the week on these queries, because a trial cannot be "
        "locked until every one is closed.",
    ),
    ("heading", "Afternoon: study set-up"),
    (
        "body",
        "After lunch she reviews the case report forms for a new oncology study with Dr. "
        "Hale, the study physician, and writes the data management plan: which data is "
        "collected at each visit, which checks run on it, and how lab data and patient "
        "diaries are loaded. CDMs also test the database before the first patient is "
        "enrolled, entering dummy patients to prove that every check fires.",
    ),
    ("heading", "Skills and tools"),
    (
        "body",
        "The main tools are electronic data capture systems such as Medidata Rave, Veeva "
        "Vault EDC or Oracle InForm, the CDISC standards (CDASH and SDTM), and SAS or SQL "
        "for listings and reconciliation. Just as important are attention to detail, clear "
        "writing for queries and plans, and knowing Good Clinical Practice (ICH E6).",
    ),
    ("heading", "Qualifications and how to get in"),
    (
        "body",
        "Most CDMs hold a B.Sc. in a life science, pharmacy, nursing or a numerate subject; a "
        "Ph.D. is not required. Many start as clinical data coordinators or clinical trial "
        "assistants and are promoted after two or three years. The Society for Clinical Data "
        "Management offers the Certified Clinical Data Manager (CCDM) exam once you have "
        "two or more years of experience.",
    ),
    ("heading", "Pay"),
    (
        "body",
        "In the 2025 Pharmaceutical Careers salary survey, clinical data managers in the UK "
        "earned a median of £48,000 a year, with £36,000 typical for new data managers and "
        "£65,000 or more for leads of large programmes. Contract research organisations "
        "pay slightly less than the large pharmaceutical companies.",
    ),
)


# The second PDF of the dev eval's foreign guides (session 9, s9-foreign): a "Become a ..."
# title, the abbreviation its people go by ("DPOs"), and pay as a two-column table drawn
# with ruled cells ("table" rows: cells separated by " | "), which a PDF keeps only as
# text positions: pypdf gives each row as one line, the cells side by side.
BECOME_PDF_NAME = "become-a-data-protection-officer.pdf"
BECOME_PDF_GUIDE: tuple[tuple[str, str], ...] = (
    ("title", "Become a Data Protection Officer"),
    (
        "body",
        "Data protection officers (DPOs) make sure that an organisation collects, stores and "
        "shares personal data lawfully. Under the UK GDPR, public authorities and firms whose "
        "core work involves monitoring people or handling sensitive data on a large scale "
        "must appoint one. Many DPOs were privacy lawyers, compliance officers or information "
        "security staff before they took the role.",
    ),
    ("heading", "What the job involves"),
    (
        "body",
        "A data protection officer advises managers on what the law requires, keeps the "
        "record of processing activities, and reviews data protection impact assessments "
        "before a new system or project goes live. When a breach happens, the DPO decides "
        "with the legal team whether it must be reported to the Information Commissioner's "
        "Office within 72 hours. The DPO is also the contact for people who ask to see the "
        "data held about them, and for the regulator.",
    ),
    ("heading", "Skills you will need"),
    (
        "body",
        "DPOs need a detailed knowledge of data protection law, good judgement about risk, "
        "and the confidence to tell senior managers things they do not want to hear. Enough "
        "technical knowledge to question an IT team about encryption, access control and "
        "retention is expected, but a DPO does not need to write code.",
    ),
    ("heading", "How to become a DPO"),
    (
        "body",
        "There is no single entry route and no degree is required by law. A degree in law, "
        "information management or computer science helps. Most employers ask for a "
        "recognised qualification such as the IAPP Certified Information Privacy "
        "Professional/Europe (CIPP/E) or the BCS Practitioner Certificate in Data "
        "Protection, and for two to five years of experience in privacy, compliance or "
        "information governance.",
    ),
    ("heading", "Salary"),
    ("body", "Typical base salaries in the UK in 2025, from recruiters' published surveys:"),
    ("table", "Job title | Typical salary"),
    ("table", "Data protection officer (entry) | £35,000 to £45,000"),
    ("table", "Data protection officer | £50,000 to £70,000"),
    ("table", "Senior DPO or head of privacy | £75,000 to £100,000"),
    (
        "body",
        "Public sector DPOs are usually paid towards the lower end of these bands, and "
        "contract DPOs who serve several small organisations are paid by the day.",
    ),
)


def write_pdf(path: Path, guide: tuple[tuple[str, str], ...] = PDF_GUIDE) -> Path:
    """``guide`` (the operations research one by default) as a PDF: a bold title, bold
    headings, body text, and runs of "table" rows as a ruled table (its first row bold)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # the same bytes on every run
    pdf.add_page()
    sizes = {"title": ("B", 16), "heading": ("B", 13), "body": ("", 11), "table": ("", 11)}
    rows: list[list[str]] = []
    for index, (kind, text) in enumerate(guide):
        style, size = sizes[kind]
        pdf.set_font("Helvetica", style, size)
        if kind == "table":
            rows.append(text.split(" | "))
            if index + 1 == len(guide) or guide[index + 1][0] != "table":
                with pdf.table(col_widths=(60, 40), text_align="LEFT") as table:
                    for cells in rows:
                        row = table.row()
                        for cell in cells:
                            row.cell(cell)
                rows = []
                pdf.ln(3)
            continue
        pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return path


def styles_corpus(dest: Path) -> Path:
    """``dest`` filled with every foreign guide: the older fixtures, the new styles, the PDF."""
    dest.mkdir(parents=True, exist_ok=True)
    for directory in (FOREIGN, STYLES):
        for source in sorted(directory.iterdir()):
            if source.is_file() and source.suffix != ".yaml":
                shutil.copyfile(source, dest / source.name)
    write_pdf(dest / PDF_NAME)
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.styles DIR")
    print(styles_corpus(Path(sys.argv[1])))
