"""careerbot's benchmarks (not tests): each module runs alone (``python -m bench.latency``);
``python -m bench`` runs them all. Results are appended to ``bench/RESULTS.md``."""
