"""Benchmarks and the synthetic workbooks they (and some tests) use."""
