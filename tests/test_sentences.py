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
