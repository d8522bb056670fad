import itertools
import re

import pytest

from bot.compose.offline import OfflineComposer, collected, grow
from bot.core.results import Answer, Passage
from bot.index.embeddings import CountingEmbeddings, VectorCache
from bot.understand.turn import Turn
from tests.fakes import FAKE_MODEL
from tests.guides import bundled_catalog

CATALOG = bundled_catalog()


def passage(
    pid: str,
    text: str,
    score: float,
    seq: int = 0,
    role: str = "data-engineer",
    title: str = "Data Engineer",
) -> Passage:
    return Passage(pid, text, role, title, f"{title} > Tools", "Tools", f"{role}.md", seq, score)


def composer() -> OfflineComposer:
    return OfflineComposer(VectorCache(CountingEmbeddings(FAKE_MODEL)))


def test_the_stream_grows_to_the_routes_answer_with_its_citations() -> None:
    passages = [
        passage("p1", "Data engineers schedule pipelines with Airflow every night.", 0.8, seq=3),
        passage("p2", "Data engineers process big tables with Spark clusters daily.", 0.6, seq=1),
        passage("p3", "Data engineers model warehouses for analysts to query.", 0.5, seq=2),
    ]
    question = "Which tools do data engineers use?"
    turn = Turn(question, [], CATALOG, roles=["data-engineer"], query=question, passages=passages)
    pieces = list(composer().stream(turn))
    whole = collected(iter(pieces))
    assert whole is pieces[-1] and whole.route == "answer" and whole.sources
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", whole.text)]
    assert numbers and max(numbers) == len(whole.sources)
    assert all(whole.text.startswith(p.text) and p.sources == [] for p in pieces[:-1])


def test_an_empty_stream_is_an_error_not_an_empty_answer() -> None:
    with pytest.raises(ValueError, match="without an answer"):
        collected(iter([]))


def test_grow_releases_sentences_then_the_whole_answer() -> None:
    text = "First sentence here. [1] Second one follows. [2]\n\n| a | b |\n| --- | --- |"
    final = Answer(text, sources=[], roles=["r"])
    pieces = list(grow(final))
    assert pieces[-1] is final
    texts = [p.text for p in pieces[:-1]]
    assert texts[0] == "First sentence here. [1]"
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(texts))
    assert all(p.sources == [] for p in pieces[:-1])
