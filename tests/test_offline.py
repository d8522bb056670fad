import itertools
import re

from bot.compose.offline import OfflineComposer, grow
from bot.core.answer import Answer, Passage
from bot.index.embeddings import CountingEmbeddings, VectorCache
from tests.fakes import FAKE_MODEL


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
    return OfflineComposer(VectorCache(CountingEmbeddings(FAKE_MODEL)), max_sentences=3)


def test_answer_cites_every_sentence_and_maps_to_sources() -> None:
    passages = [
        passage("p1", "Data engineers schedule pipelines with Airflow every night.", 0.8, seq=3),
        passage("p2", "Data engineers process big tables with Spark clusters daily.", 0.6, seq=1),
        passage("p3", "Unrelated sentence about office plants and their watering.", 0.3, seq=2),
    ]
    answer = composer().answer("Which tools schedule pipelines with Airflow?", passages)
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert numbers and max(numbers) == len(answer.sources)
    assert answer.text.startswith("**Data Engineer**")
    assert answer.sources[0].score >= answer.sources[-1].score  # best first
    assert "Airflow" in answer.text
    # reading order: the seq=1 passage's sentence comes before the seq=3 one
    if "Spark" in answer.text:
        assert answer.text.index("Spark") < answer.text.index("Airflow")


def test_duplicate_sentences_are_said_once() -> None:
    same = "Data engineers schedule pipelines with Airflow every night."
    passages = [passage("p1", same, 0.8), passage("p2", same, 0.7, seq=1)]
    answer = composer().answer("Airflow pipelines", passages)
    assert answer.text.count("Airflow") == 1


def test_roles_get_their_own_paragraphs() -> None:
    passages = [
        passage("p1", "Data engineers schedule pipelines with Airflow every night.", 0.8),
        passage(
            "p2",
            "Data analysts build dashboards in Tableau for managers.",
            0.7,
            role="data-analyst",
            title="Data Analyst",
        ),
    ]
    answer = composer().answer("tools", passages)
    assert answer.roles == ["data-engineer", "data-analyst"]
    assert "**Data Engineer**" in answer.text and "**Data Analyst**" in answer.text


def test_grow_releases_sentences_then_the_whole_answer() -> None:
    text = "First sentence here. [1] Second one follows. [2]\n\n| a | b |\n| --- | --- |"
    final = Answer(text, sources=[], roles=["r"])
    pieces = list(grow(final))
    assert pieces[-1] is final
    texts = [p.text for p in pieces[:-1]]
    assert texts[0] == "First sentence here. [1]"
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(texts))
    assert all(p.sources == [] for p in pieces[:-1])
