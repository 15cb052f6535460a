"""Forms shared by every area."""

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """An empty form: a confirmation button with its CSRF token."""
