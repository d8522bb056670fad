"""The web app under load: 1, 8 and 32 simultaneous ``gradio_client`` sessions calling the
``/ask`` endpoint of a running ``careerbot ui`` on loopback. Bounded: each session asks a
fixed number of questions.

    python -m bench.ui_load
"""

from __future__ import annotations

import threading
import time
from typing import Any

from bench.coldstart import free_port, start_ui, wait_http
from bench.common import Row, eval_questions, indexed, ms, p50, percentile, record, verdict

LEVELS = (1, 8, 32)
ANSWERS_PER_LEVEL = 64  # split across the sessions, so every level does the same work


def session(url: str, questions: list[str], latencies: list[float], errors: list[str]) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # a refused session is an error of the run, not a crash
        errors.append(f"connect: {exc}")
        return
    for question in questions:
        start = time.perf_counter()
        try:
            result = client.predict(question, api_name="/ask")
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - start)
        if not isinstance(result, dict) or result.get("error") or not result.get("answer"):
            errors.append(f"bad answer: {str(result)[:120]}")


def level(url: str, sessions: int, questions: list[str]) -> dict[str, Any]:
    per_session = max(1, ANSWERS_PER_LEVEL // sessions)
    latencies: list[float] = []
    errors: list[str] = []
    threads = []
    for n in range(sessions):
        mine = [questions[(n * per_session + i) % len(questions)] for i in range(per_session)]
        threads.append(threading.Thread(target=session, args=(url, mine, latencies, errors)))
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.perf_counter() - start
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def main() -> dict[str, Any]:
    settings = indexed("bundled")
    questions = [q for q, history in eval_questions() if not history]
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    process = start_ui(settings, port)
    figures: dict[str, str] = {}
    total_errors = 0
    try:
        if not wait_http(url, 180):
            raise RuntimeError("careerbot ui did not come up within 180 s")
        level(url, 1, questions[:2])  # warm-up: the first answer loads the model
        for sessions in LEVELS:
            found = level(url, sessions, questions)
            lat, errors = found["latencies"], found["errors"]
            total_errors += len(errors)
            figures[f"{sessions} sessions"] = (
                f"{len(lat) / found['elapsed']:.1f} answers/s, p50 {ms(p50(lat))}, "
                f"p95 {ms(percentile(lat, 95))}, errors {len(errors)}"
            )
            if errors:
                figures[f"{sessions} sessions first error"] = errors[0][:160]
    finally:
        process.terminate()
        process.wait(timeout=30)
    record(Row("UI under load (/ask)", figures, verdict({"0 errors": total_errors == 0})))
    return {"errors": total_errors}


if __name__ == "__main__":
    main()
