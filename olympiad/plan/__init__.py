"""The association's annual work plan."""

from olympiad.plan import part_views  # noqa: F401  (its routes join the blueprint)
from olympiad.plan.views import bp

__all__ = ["bp"]
