"""Benchmarks of podium as a user meets it: a real process in a pseudo-terminal, read by pyte.

Run `python -m benchmarks.run` (see docs/performance.md). Every figure is also reported as a ratio
to a minimal Textual app measured in the same run, so the numbers mean something on a noisy machine.
"""
