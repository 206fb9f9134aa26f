"""`via-reports serve`: the web page for policy advisers and the JSON API under it.

A thin adapter over the same API the command line uses: requests become calls of
`api.validate` and builds of `batch.build_one` in a bounded pool of worker processes
(`jobs.py`); nothing here knows how a document is made.

    config.py   the server's settings (from the command line)
    check.py    a workbook's check as the page and the API show it
    jobs.py     job folders, the queue and the worker processes
    forms.py    reading uploads and form fields (no client text becomes a path)
    guard.py    password, security headers, upload limit, same-site checks
    watch.py    following a workbook on disk (serve WERKMAP)
    api.py      the JSON routes; pages.py the HTML routes; app.py puts them together
    server.py   running it with uvicorn
"""

from .app import create_app
from .config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
