"""Enrollment: spreadsheets, validation, codes and registration papers (no app needed)."""
