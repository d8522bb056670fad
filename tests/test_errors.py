"""User errors: a type of their own, and each interface's fix added in one place."""

import logging

import pytest

from bot.core.errors import (
    CareerbotError,
    EmptyProfileError,
    EmptyQuestionError,
    IndexMismatchError,
    NoIndexError,
    UnknownRoleError,
)
from ui.errors import unexpected, user_message


def test_an_empty_question_is_still_a_value_error_for_api_callers() -> None:
    assert issubclass(EmptyQuestionError, ValueError)
    assert issubclass(EmptyProfileError, EmptyQuestionError)
    assert issubclass(EmptyQuestionError, CareerbotError)


@pytest.mark.parametrize(
    ("error", "cli", "web"),
    [
        (NoIndexError("No index yet."), "careerbot ingest", "Library tab"),
        (IndexMismatchError("Built with another model."), "--rebuild", "--rebuild"),
    ],
)
def test_each_interface_adds_its_own_fix(error: CareerbotError, cli: str, web: str) -> None:
    for interface, fix in (("cli", cli), ("web", web)):
        message = user_message(error, interface)  # type: ignore[arg-type]
        assert message.startswith(str(error)) and fix in message
    assert "Library" not in user_message(error, "cli")


def test_errors_without_a_fix_are_their_message() -> None:
    assert user_message(UnknownRoleError("Unknown role 'x'."), "web") == "Unknown role 'x'."


def test_a_bug_is_logged_with_its_traceback_and_shown_as_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = logging.getLogger("careerbot.test")
    try:
        raise KeyError("boom")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            line = unexpected("answering", exc, log)
    assert line == "Something went wrong while answering; the error was logged."
    assert caplog.records[0].exc_info is not None
