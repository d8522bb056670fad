"""Benchmarks (not tests): each script prints its figures and appends them to RESULTS.md."""
