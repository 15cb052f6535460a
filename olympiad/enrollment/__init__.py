"""Enrollment of students: one by one, from a spreadsheet, and the closing of registration."""
