"""Readers: the workbook (openpyxl) and rich text (both syntaxes) → the model."""
