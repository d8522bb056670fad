from langchain_core.documents import Document

from bot.core.settings import Settings
from ingest.index import chunk_key, plan
from ingest.records import indexed_sources, record_manager


def doc(text: str, source: str = "a.md") -> Document:
    return Document(page_content=text, metadata={"source": source, "seq": 0})


def test_chunk_key_is_content_addressed() -> None:
    assert chunk_key(doc("x")) == chunk_key(doc("x"))
    assert chunk_key(doc("x")) != chunk_key(doc("y"))
    assert chunk_key(doc("x", "a.md")) != chunk_key(doc("x", "b.md"))


def test_plan_classifies_files(fake_settings: Settings) -> None:
    manager = record_manager(fake_settings, "plan-test")
    existing = [
        doc("one", "same.md"),
        doc("two", "edited.md"),
        doc("three", "gone.md"),
        doc("four", "broken.md"),
    ]
    manager.update(
        [chunk_key(d) for d in existing], group_ids=[d.metadata["source"] for d in existing]
    )
    assert indexed_sources(manager) == {"same.md", "edited.md", "gone.md", "broken.md"}

    decided = plan(
        manager,
        {
            "same.md": [doc("one", "same.md")],
            "edited.md": [doc("two!", "edited.md")],
            "new.md": [doc("five", "new.md")],
        },
        {"broken.md": "binary file", "junk.png": "unsupported file type '.png'"},
        full=False,
    )
    got = {r.source: r.status for r in decided.results}
    assert got == {
        "same.md": "unchanged",
        "edited.md": "updated",
        "new.md": "added",
        "gone.md": "deleted",
        "broken.md": "kept",
        "junk.png": "skipped",
    }
    assert list(decided.removed) == ["gone.md"]


def test_chunks_are_written_shortest_first() -> None:
    from ingest.index import by_length

    chunks = [doc("a much longer chunk of text"), doc("short"), doc("medium text")]
    assert [len(c.page_content) for c in by_length(chunks)] == [5, 11, 27]
