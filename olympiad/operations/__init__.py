"""Operations of the installation itself: backup and restore, purging personal data, the
read-only API and the health check. (Running an operation from a view is olympiad/actions.py.)"""
