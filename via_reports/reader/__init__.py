"""Readers: the workbook (openpyxl) and rich text (both syntaxes) → the model."""

import sys

if "openpyxl" not in sys.modules and "numpy" not in sys.modules:
    # openpyxl loads numpy, where it is installed, only to accept numpy's numbers in the
    # cells it writes; the reader writes none, and numpy takes a tenth of a second to
    # load (a third of the start of a build). Held off while openpyxl loads.
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]
