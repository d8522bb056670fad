from ingest.report import FileResult, IngestReport


def test_counts_are_per_file_and_serialised() -> None:
    report = IngestReport(
        files=[
            FileResult("a.md", "added", 3),
            FileResult("b.md", "updated", 2),
            FileResult("c.md", "unchanged", 4),
            FileResult("d.md", "deleted", 1),
            FileResult("e.md", "skipped", 0, "binary file"),
        ],
        embeddings_computed=5,
    )
    assert (report.added, report.updated, report.skipped, report.deleted, report.failed) == (
        1,
        1,
        1,
        1,
        1,
    )
    data = report.to_dict()
    for key in ("added", "updated", "skipped", "deleted", "seconds", "files"):
        assert key in data
    assert report.changed
    assert "1 added" in report.summary()


def test_summary_words_are_the_field_names() -> None:
    """The summary counted unreadable files as "skipped" while the ``skipped`` field counts
    unchanged ones; each printed count now carries the name of the field it shows."""
    report = IngestReport(
        files=[
            FileResult("a.md", "unchanged", 4),
            FileResult("b.md", "unchanged", 4),
            FileResult("e.md", "skipped", 0, "binary file"),
        ]
    )
    summary = report.summary()
    assert f"{report.skipped} skipped (unchanged)" in summary
    assert f"{report.failed} failed (unreadable)" in summary
    assert "1 skipped" not in summary
