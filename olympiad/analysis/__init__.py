"""Analysis: olympiad statistics, task analysis, charts and the association's annual report."""

from olympiad.analysis.views import bp

__all__ = ["bp"]
