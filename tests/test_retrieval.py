from bot.chatbot import Chatbot
from bot.index.retrieval import retrieve


def test_scores_are_similarities_best_first(chatbot: Chatbot) -> None:
    vector = chatbot.vectors.vector("Which tools schedule data pipelines?").tolist()
    passages = retrieve(chatbot.store, vector, k=4)
    assert len(passages) == 4
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert all(-1.0 <= s <= 1.0 for s in scores)
    assert passages[0].role == "data-engineer"
    assert "Airflow" in passages[0].text
    assert not passages[0].text.startswith(passages[0].section)  # body, no header
