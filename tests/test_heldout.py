"""The held-out questions about guides in other styles (``tests/fixtures/styles``), asked
of a real index of the bundled guides plus every foreign guide: each must be answered from
its own guide, keep its role through follow-ups and quote that guide's figures, never
another's. ``python -m tests.heldout`` prints the same figures with every answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.settings import Settings
from tests.conftest import BUNDLED_CORPUS
from tests.heldout import HeldOut, run_heldout


@pytest.fixture(scope="module")
def heldout(tmp_path_factory: pytest.TempPathFactory, real_model: object) -> HeldOut:
    workdir = tmp_path_factory.mktemp("heldout")
    settings = Settings(corpus_dir=BUNDLED_CORPUS, data_dir=workdir / "unused")
    return run_heldout(settings, Path(workdir))


def test_every_question_ran(heldout: HeldOut) -> None:
    assert not heldout.report.not_run
    assert len(heldout.report.results) >= 25


def test_answered_from_the_right_guide(heldout: HeldOut) -> None:
    n, value = heldout.rate("source")
    assert n >= 25 and value == 1.0, heldout.table()


def test_follow_ups_stay_on_the_user_s_guide(heldout: HeldOut) -> None:
    n, value = heldout.rate("roles")
    assert n >= 10 and value == 1.0, heldout.table()


def test_the_guide_s_own_pay_figure_and_no_other(heldout: HeldOut) -> None:
    n, value = heldout.rate("mentions")
    assert n >= 10 and value == 1.0, heldout.table()
    assert heldout.figures_checked >= 25 and not heldout.stray_figures, heldout.table()


def test_stray_figures_are_caught(heldout: HeldOut) -> None:
    """The figure check can fail: an answer quoting another guide's pay is reported."""
    from tests.heldout import stray_figures

    result = next(r for r in heldout.report.results if r.item.id == "act-pay")
    result.text += " A data scientist earns $112,590."
    try:
        found = stray_figures(heldout.report, {"careers-in-actuarial-science.md": {"$120,000"}})
    finally:
        result.text = result.text.removesuffix(" A data scientist earns $112,590.")
    assert found["act-pay"] == ["$112,590"]
