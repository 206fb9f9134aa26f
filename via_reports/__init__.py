"""via-reports: the ViA policy overview (Veiligheid in afhankelijkheidsrelaties) from
one Excel workbook, as Word, PDF and HTML.

The Python API lives in `via_reports.api`; the command line in `via_reports.cli`.
"""

__version__ = "0.1.0"

import sys as _sys

if _sys.version_info < (3, 11):  # noqa: UP036 - said in the user's language, before any newer syntax is read
    import os as _os

    from .messages import text as _text

    _lang = "en" if _os.environ.get("VIA_REPORTS_LANG", "").strip().lower().startswith("en") else "nl"
    _found = "{}.{}".format(*_sys.version_info[:2])
    raise SystemExit(_text("system_python_old", _lang, found=_found, minimum="3.11"))
