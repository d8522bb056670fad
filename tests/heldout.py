"""The held-out check of guides written in other styles: ask ``tests/fixtures/styles/
heldout.yaml`` of a bot over the bundled guides plus every foreign guide, and report.

Besides the question set's own expectations (``bot.evaluate``), one check the format has no
field for: an answer about one guide quotes no money figure that only another guide has
(asked about actuaries, a data scientist's salary is the wrong answer even when cited).

``python -m tests.heldout`` prints the figures; ``tests/test_heldout.py`` holds the targets.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.core.settings import Settings
from bot.evaluate import FOREIGN, EvalReport, ItemResult, load_evalset, run_eval
from tests.styles import HELDOUT, styles_corpus

BUNDLED = Path(__file__).parent.parent / "corpus"
# "$120,360", "£38,000", "$81,390": a currency sign and a number of four or more digits.
_MONEY = re.compile(r"[$£€]\s?\d{1,3}(?:,\d{3})+|[$£€]\s?\d{4,}")


@dataclass
class HeldOut:
    report: EvalReport
    # item id -> money figures the answer quotes that its expected guide does not contain
    stray_figures: dict[str, list[str]]

    @property
    def figures_checked(self) -> int:
        return sum(1 for r in self.report.results if _single_guide(r))

    @property
    def own_figures_rate(self) -> float:
        n = self.figures_checked
        return (n - len(self.stray_figures)) / n if n else 0.0

    def rate(self, check: str) -> tuple[int, float]:
        values = [ok for r in self.report.results if (ok := r.checks().get(check)) is not None]
        return len(values), (sum(values) / len(values) if values else 0.0)

    def table(self) -> str:
        lines = [self.report.table(), "", "| held-out measure | n | value |", "|---|---|---|"]
        for name, check in (
            ("answered from the right guide", "source"),
            ("answer leads with the asked section", "lead"),
            ("roles kept through follow-ups", "roles"),
            ("the guide's own figure quoted", "mentions"),
        ):
            n, value = self.rate(check)
            lines.append(f"| {name} | {n} | {value:.2f} |")
        lines.append(
            f"| no money figure from another guide | {self.figures_checked} "
            f"| {self.own_figures_rate:.2f} |"
        )
        for result in self.report.failed():
            failed = sorted(k for k, ok in result.checks().items() if not ok)
            lines.append(f"failed {result.item.id}: {', '.join(failed)}")
        for item_id, figures in self.stray_figures.items():
            lines.append(f"stray figures {item_id}: {', '.join(figures)}")
        return "\n".join(lines)


def _single_guide(result: ItemResult) -> bool:
    return bool(result.item.expect.source) and len(result.item.roles) == 1


def guide_figures(corpus: Path) -> dict[str, set[str]]:
    """Money figures per file, read from the files themselves (entities decoded, PDF text
    extracted), so the check does not depend on the loader it is checking."""
    from pypdf import PdfReader

    found: dict[str, set[str]] = {}
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        else:
            text = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
        found[path.relative_to(corpus).as_posix()] = set(_normal(_MONEY.findall(text)))
    return found


def _normal(figures: list[str]) -> list[str]:
    return [f.replace(" ", "") for f in figures]


def stray_figures(report: EvalReport, figures: dict[str, set[str]]) -> dict[str, list[str]]:
    out = {}
    for result in report.results:
        if not _single_guide(result):
            continue
        own = figures.get(result.item.expect.source, set())
        stray = sorted(set(_normal(_MONEY.findall(result.text))) - own)
        if stray:
            out[result.item.id] = stray
    return out


def run_heldout(settings: Settings, workdir: Path) -> HeldOut:
    """Index the bundled corpus of ``settings`` plus every foreign guide under ``workdir``
    (never the user's index), then ask the held-out questions."""
    from bot.chatbot import Chatbot
    from ingest.scratch import scratch_index

    guides = styles_corpus(workdir / "guides")
    scratch = scratch_index(settings, [settings.corpus_dir, guides], workdir / "index")
    items = load_evalset(HELDOUT)
    report = run_eval(scratch, items, bots={FOREIGN: Chatbot(scratch)})
    return HeldOut(report, stray_figures(report, guide_figures(scratch.corpus_dir)))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="careerbot-heldout-") as workdir:
        settings = Settings(corpus_dir=BUNDLED, data_dir=Path(workdir) / "unused")
        result = run_heldout(settings, Path(workdir))
        print(result.table())
        if "-v" in sys.argv:
            for r in result.report.results:
                print(f"\n### {r.item.id}: {r.item.question}\nroles={r.roles} route={r.route}")
                print(f"sources={[s.source + ' :: ' + s.section for s in r.cited][:3]}")
                print(r.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
