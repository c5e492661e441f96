"""Benchmarks (``python -m bench``) and the load, conflict and fault drill (``bench.loadtest``)."""
