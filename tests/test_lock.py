from pathlib import Path

import pytest

from bot.core.errors import IngestLockedError
from bot.core.settings import Settings
from ingest.lock import writer_lock


def test_second_writer_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = writer_lock(settings)
    first.__enter__()
    try:
        with pytest.raises(IngestLockedError, match=r"pid \d+"), writer_lock(settings):
            pass
    finally:
        first.__exit__(None, None, None)
    with writer_lock(settings):  # released after the first writer finished
        pass


@pytest.mark.slow
def test_a_second_process_is_refused_naming_the_holder(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import FIXTURE_CORPUS

    data = tmp_path / "data"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from ingest.lock import writer_lock\n"
            "from bot.core.settings import Settings\n"
            "with writer_lock(Settings(data_dir=Path(sys.argv[1])), purpose='ingest'):\n"
            "    print('held', flush=True); sys.stdin.readline()",
            str(data),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        env = {
            **os.environ,
            "CAREERBOT_DATA_DIR": str(data),
            "CAREERBOT_CORPUS_DIR": str(FIXTURE_CORPUS),
        }
        exe = Path(sys.executable).parent / "careerbot"
        second = subprocess.run(
            [str(exe), "ingest"], capture_output=True, text=True, env=env, check=False
        )
    finally:
        holder.communicate("done\n", timeout=30)
    assert second.returncode == 1
    message = second.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert f"pid {holder.pid}" in message and "Another writer" in message
