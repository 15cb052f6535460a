"""ReportLab documents: build_xxx(data) -> bytes. No Flask here."""
