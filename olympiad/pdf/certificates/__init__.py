"""Diplomas, certificates and letters of thanks: pure ReportLab, no Flask, no database.

The static part of each design is drawn once per file as a form XObject, the QR code is one
path, and a merged file is written page by page (see stream.py).
"""

from olympiad.pdf.certificates.defaults import default_designs
from olympiad.pdf.certificates.fitting import Fit, fit_lines
from olympiad.pdf.certificates.model import Certificate, Design, Kind
from olympiad.pdf.certificates.qr import qr_path
from olympiad.pdf.certificates.render import render_merged, render_one, render_zip

__all__ = [
    "Certificate",
    "Design",
    "Fit",
    "Kind",
    "default_designs",
    "fit_lines",
    "qr_path",
    "render_merged",
    "render_one",
    "render_zip",
]
