"""Operations of the installation itself: backup and restore, purging personal data, the
read-only API and the health check."""

from olympiad.actions import Outcome, Refused, perform  # noqa: F401  (until every area moves)
