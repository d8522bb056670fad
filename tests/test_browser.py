"""The web app in a real browser: Debian chromium driven by Playwright, against the real app
(``ui.app.launch``) over an indexed copy of the fixture corpus and the real model.

On failure, a screenshot of the page goes to tests/artifacts/<test>.png.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ingest
from bot.settings import Settings
from tests.conftest import FIXTURE_CORPUS, make_settings
from tests.ui_server import running_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
TIMEOUT_MS = 60_000

# A guide that tries to run code in the browser: through its title (shown in answers, the
# sources panel, the library and the compare tab) and through its body (quoted in answers).
HOSTILE_GUIDE = """---
role: security-analyst
title: Security Analyst <img src=x onerror="window.__pwned='title'">
---
# Security Analyst
## Overview
A security analyst watches alerts and logs to catch intruders early
<script>window.__pwned='script'</script>, and writes detection rules for new attacks.
A security analyst triages suspicious logins every day <img src=x onerror="window.__pwned='body'">.
"""

NEW_GUIDE = """---
role: data-steward
title: Data Steward
aliases: [data custodian]
---
# Data Steward
## Overview
A data steward owns the business glossary and decides what each metric means.
Data stewards run data quality reviews with the owners of every source system.
## Skills
Data stewards need data governance knowledge, careful writing, and patience in meetings.
"""


@pytest.fixture(scope="module")
def app_settings(tmp_path_factory: pytest.TempPathFactory, real_model: object) -> Settings:
    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    (corpus / "security-analyst.md").write_text(HOSTILE_GUIDE, encoding="utf-8")
    settings = make_settings(root / "data", corpus)
    ingest.run(settings)
    return settings


@pytest.fixture(scope="module")
def app_url(app_settings: Settings) -> Iterator[str]:
    with running_app(app_settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(browser: Any, app_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser profile (empty localStorage) on the app's Chat tab."""
    for page in _page(browser, request):
        page.goto(app_url)
        page.locator("#question textarea").wait_for()
        yield page


def bot_messages(page: Any) -> list[str]:
    return [m.inner_text() for m in page.locator("#chat [data-testid=bot]").all()]


def ask(page: Any, question: str) -> str:
    """Ask in the chat and wait for the whole reply; returns its text (answer + sources)."""
    asked = page.locator("#chat [data-testid=user]").count()
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    page.locator("#chat [data-testid=user]").nth(asked).wait_for()
    # Done when the chat's progress tracker is hidden again and a reply follows the question.
    page.wait_for_function(
        """(asked) => {
            const chat = document.querySelector('#chat');
            const busy = chat.querySelector('[data-testid=status-tracker]:not(.hide)');
            const rows = chat.querySelectorAll('.message-row');
            const last = rows[rows.length - 1];
            return !busy && chat.querySelectorAll('[data-testid=user]').length > asked
                && last && last.classList.contains('bot-row') && last.innerText.trim();
        }""",
        arg=asked,
    )
    rows = page.locator("#chat .message-row").all()
    reply: list[str] = []
    for row in reversed(rows):
        if "user-row" in (row.get_attribute("class") or ""):
            break
        reply.insert(0, row.inner_text())
    return "\n".join(reply)


def sources_panels(page: Any) -> list[str]:
    """The text of each answer's sources panel, unfolding the folded ones as a user would."""
    texts = []
    for panel in page.locator("#chat .thought-group").all():
        title = panel.locator("[role=button]").first
        if "expanded" not in (title.get_attribute("class") or ""):
            title.click()
        panel.locator(".content").first.wait_for()
        texts.append(str(panel.inner_text()))
    return texts


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def reindex(page: Any) -> str:
    open_tab(page, "Library")
    status = page.locator("#library-status")
    page.locator("#reindex").click()
    page.wait_for_function(
        "() => document.querySelector('#library-status').innerText.includes('Re-index finished')"
    )
    return str(status.inner_text())


def test_answer_is_cited_and_its_sources_name_the_role(page: Any) -> None:
    assert "offline" in page.locator("#mode-badge").inner_text()
    reply = ask(page, "What does a data analyst do?")
    assert re.search(r"\[\d\]", reply)
    folded = page.locator("#chat .thought-group").inner_text()
    assert "Sources" in folded and "Data Analyst" in folded
    panels = sources_panels(page)
    assert len(panels) == 1
    assert "data-analyst" in panels[0] and "Data Analyst >" in panels[0] and "score" in panels[0]


def test_follow_up_keeps_the_role_and_the_chat_survives_a_reload(page: Any) -> None:
    ask(page, "What does a data engineer do?")
    ask(page, "Which tools do they use?")
    panels = sources_panels(page)
    assert len(panels) == 2
    assert "data-engineer" in panels[1]
    assert "data-analyst" not in panels[1] and "data-scientist" not in panels[1]

    page.reload()
    page.locator("#chat [data-testid=user]").nth(1).wait_for()
    assert len(sources_panels(page)) == 2

    page.locator("#clear").click()
    page.wait_for_function("() => !document.querySelector('#chat [data-testid=user]')")
    page.reload()
    page.locator("#question textarea").wait_for()
    page.wait_for_timeout(1000)  # give the restore a chance to (wrongly) bring it back
    assert page.locator("#chat [data-testid=user]").count() == 0


def test_a_mistake_is_a_message_not_a_traceback(page: Any) -> None:
    reply = ask(page, "x" * 5000 + " what does a data scientist do?")
    assert "Traceback" not in page.content()
    assert reply.strip()


def test_compare_tab_renders_a_table_of_both_roles(page: Any) -> None:
    open_tab(page, "Compare")
    roles = page.locator("#compare-roles")
    roles.get_by_label("Data Engineer").check()
    roles.get_by_label("Data Scientist").check()
    page.locator("#compare").click()
    table = page.locator("#compare-table table")
    table.wait_for()
    header = table.locator("thead").inner_text()
    assert "Data Engineer" in header and "Data Scientist" in header
    assert re.search(r"\[\d\]", table.inner_text())


def test_upload_reindex_answer_then_delete(page: Any, app_settings: Settings) -> None:
    open_tab(page, "Library")
    guide = app_settings.data_dir.parent / "Data Steward (draft).md"
    guide.write_text(NEW_GUIDE, encoding="utf-8")
    page.locator("#upload input[type=file]").set_input_files(str(guide))
    page.locator("#library-status").get_by_text("Added").wait_for()
    stored = app_settings.corpus_dir / "Data-Steward-draft.md"
    assert stored.read_text(encoding="utf-8") == NEW_GUIDE

    report = reindex(page)
    assert "1 added" in report and "Data-Steward-draft.md" in report
    assert "data-steward" in page.locator("#documents").inner_text()

    open_tab(page, "Chat")
    ask(page, "What does a data steward do?")
    assert "data-steward" in sources_panels(page)[-1]

    open_tab(page, "Library")
    page.locator("#delete-choice input").click()
    page.get_by_role("option", name="Data-Steward-draft.md").click()
    page.locator("#delete").click()
    page.locator("#library-status").get_by_text("Deleted").wait_for()
    assert not stored.exists()
    report = reindex(page)
    assert "1 deleted" in report
    assert "data-steward" not in page.locator("#documents").inner_text()

    open_tab(page, "Chat")
    reply = ask(page, "What does a data steward do?")
    assert "data-steward" not in reply and "Data Steward" not in " ".join(sources_panels(page)[1:])


def test_html_in_a_guide_never_runs(page: Any) -> None:
    reply = ask(page, "What does a security analyst do?")
    panel = sources_panels(page)[-1]
    # The hostile guide did reach the page, shown as text ...
    assert "security-analyst" in panel and "onerror" in panel + reply
    open_tab(page, "Library")
    assert "onerror" in page.locator("#documents").inner_text()
    open_tab(page, "Compare")
    page.locator("#compare-roles").wait_for()
    # ... and none of it ran.
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("#chat script, #chat img[onerror], #documents img").count() == 0


def test_login_is_enforced_when_configured(
    browser: Any, app_settings: Settings, request: pytest.FixtureRequest
) -> None:
    locked = app_settings.model_copy(update={"auth": "alice:wonder land"})
    with running_app(locked) as url:
        for page in _page(browser, request):
            page.goto(url)
            page.get_by_label("username").fill("alice")
            page.get_by_label("password").fill("wrong")
            page.get_by_role("button", name="Login").click()
            page.get_by_text("Incorrect Credentials").wait_for()
            assert page.locator("#question").count() == 0

            page.get_by_label("username").fill("alice")
            page.get_by_label("password").fill("wonder land")
            page.get_by_role("button", name="Login").click()
            page.locator("#question textarea").wait_for()
            assert "data analyst" in ask(page, "What does a data analyst do?").lower()
