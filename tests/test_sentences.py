from bot.index.sentences import split_sentences


def test_splits_prose_and_keeps_abbreviations_whole() -> None:
    text = (
        "The U.S. Bureau of Labor Statistics publishes pay data every year. "
        "Tools such as dbt, e.g. for modelling, are common here. Short one."
    )
    assert split_sentences(text) == [
        "The U.S. Bureau of Labor Statistics publishes pay data every year.",
        "Tools such as dbt, e.g. for modelling, are common here.",
    ]


def test_strips_markdown_and_drops_lead_ins_and_headings() -> None:
    text = (
        "### A heading line\n"
        "Common transition paths include:\n"
        "- **Backend developers** move into [data engineering](http://x) quite often.\n"
        "| a | table | row |\n"
    )
    assert split_sentences(text) == ["Backend developers move into data engineering quite often."]


def test_a_quoted_question_keeps_its_closing_quote() -> None:
    text = 'Data scientists ask "which customers will leave next quarter?" They then build models.'
    assert split_sentences(text)[0].endswith('quarter?"')


def test_titles_and_cut_fragments_are_not_sentences() -> None:
    text = (
        "*Software Engineer (Data Science): A Comprehensive Career Guide*\n"
        "and then moves the data into the warehouse every night.\n"
        "A data engineer moves data into the warehouse every night\n"
        "A data engineer moves data into the warehouse every night.\n"
    )
    assert split_sentences(text) == ["A data engineer moves data into the warehouse every night."]


def test_guides_written_elsewhere_keep_abbreviations_and_initials_inside_sentences() -> None:
    """Lines in the style of pages not written for careerbot. The abbreviation list the
    splitter used to keep cut each of these at a full stop it did not list."""
    cases = {
        "Prof. J. R. Hartley founded the unit in 1998. It now employs forty people.": [
            "Prof. J. R. Hartley founded the unit in 1998.",
            "It now employs forty people.",
        ],
        "Applications close on Sept. 30 each year. Interviews run through Oct. and Nov.": [
            "Applications close on Sept. 30 each year.",
            "Interviews run through Oct. and Nov.",
        ],
        "See Fig. 2 for the career ladder. Each step takes two years or so.": [
            "See Fig. 2 for the career ladder.",
            "Each step takes two years or so.",
        ],
        "Dr. Okafor of the Dept. of Health Informatics says the work is varied. "
        '"No two weeks are ever alike."': [
            "Dr. Okafor of the Dept. of Health Informatics says the work is varied.",
            '"No two weeks are ever alike."',
        ],
        "Most analysts hold a B.Sc. in statistics or economics. A Ph.D. is not required here.": [
            "Most analysts hold a B.Sc. in statistics or economics.",
            "A Ph.D. is not required here.",
        ],
    }
    for line, sentences in cases.items():
        assert split_sentences(line) == sentences, line


def test_a_semicolon_joins_two_halves_of_one_sentence() -> None:
    line = (
        "Python is the default working language; R remains common in biostatistics and "
        "some research teams. Both are taught."
    )
    assert split_sentences(line) == [
        "Python is the default working language; R remains common in biostatistics and "
        "some research teams."
    ]
