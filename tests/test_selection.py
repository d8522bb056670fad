import numpy as np

from bot.core.results import Passage
from bot.routes.selection import Candidate, cite, mmr


def passage(pid: str, text: str, score: float) -> Passage:
    return Passage(pid, text, "data-engineer", "Data Engineer", "s", "Tools", "de.md", 0, score)


def test_mmr_skips_near_duplicates() -> None:
    matrix = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    chosen = mmr(matrix, np.array([0.9, 0.89, 0.5], dtype=np.float32), limit=3)
    assert chosen == [0, 2]


def test_cite_numbers_best_first() -> None:
    low, high = passage("a", "x", 0.2), passage("b", "y", 0.9)
    cited = cite([Candidate("x", low, 0), Candidate("y", high, 0)])
    assert [s.score for s in cited.sources] == [0.9, 0.2]
    assert cited.numbers == {"b": 1, "a": 2}
