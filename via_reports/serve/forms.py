"""Reading what a client sends: uploaded workbooks and the fields of a build.

Nothing a client sends becomes a path: an upload is stored under a name made of
safe characters only (one file name, no folders, no leading dot) in a folder the
server made; every field value is checked against the values it may have.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import unicodedata
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from ..build import DEFAULT_FORMATS, FORMATS
from ..diagnostics import ViaReportsError
from ..messages import text
from ..profiles import PROFILES
from ..selection import SelectionError, parse_levels

YES = frozenset({"1", "on", "ja", "true", "yes", "aan"})


class FieldError(ViaReportsError):
    """A form field is missing or has a value it may not have (400)."""

    def __init__(self, code: str, **params: object):
        self.code, self.params = code, params
        super().__init__(code)

    def message(self, lang: str = "nl") -> str:
        return text(self.code, lang, **self.params)


@contextlib.asynccontextmanager
async def read_form(request: Request) -> AsyncIterator[FormData]:
    """The request's form; its uploads are closed (their spooled files deleted) afterwards."""
    try:
        form = await request.form(max_files=4, max_fields=200, max_part_size=64 * 1024)
    except MultiPartException as exc:
        raise FieldError("serve_bad_form", detail=exc.message) from None
    except HTTPException as exc:  # Starlette's own answer to a broken form
        raise FieldError("serve_bad_form", detail=exc.detail) from None
    except (AssertionError, ValueError, KeyError) as exc:  # a body that is no form at all
        raise FieldError("serve_bad_form", detail=type(exc).__name__) from None
    try:
        yield form
    finally:
        await form.close()


def safe_name(filename: str | None, default: str = "werkmap") -> str:
    """`../../etc/Beleid 2025.xlsx` → `Beleid-2025.xlsx`: letters, digits, `-`, `_` and
    inner dots only, at most 80 characters, always a spreadsheet suffix."""
    name = unicodedata.normalize("NFC", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_ ")[:80] or default
    suffix = suffix.lower() if re.fullmatch(r"[a-z0-9]{1,5}", suffix.lower()) else "xlsx"
    return f"{stem}.{suffix}"


def upload_of(form: FormData, name: str, *, required: bool) -> UploadFile | None:
    value = form.get(name)
    if isinstance(value, UploadFile) and (value.filename or value.size):
        return value
    if required:
        raise FieldError("serve_no_workbook_field")
    return None


async def save_upload(upload: UploadFile, folder: Path) -> Path:
    """Store the upload as `folder/<safe name>` (copied in chunks, off the event loop)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(upload.filename)
    assert target.parent == folder
    await upload.seek(0)

    def copy() -> None:
        with target.open("wb") as out:
            shutil.copyfileobj(upload.file, out, 1024 * 1024)

    from starlette.concurrency import run_in_threadpool

    await run_in_threadpool(copy)
    return target


def _choices(form: FormData, field: str, known: tuple[str, ...]) -> list[str]:
    values: list[str] = []
    for raw in form.getlist(field):
        for value in str(raw).split(","):
            value = value.strip().lower()
            if not value:
                continue
            if value not in known:
                raise FieldError("serve_bad_field", field=field, value=value, known=", ".join(known))
            values.append(value)
    return list(dict.fromkeys(values))


def build_request(form: FormData) -> tuple[tuple[str, ...], dict]:
    """The formats and the options of `api.build` from the fields formaat, profiel,
    bijlage, qr, niveau and thema (the names the API documents)."""
    formats = tuple(_choices(form, "formaat", FORMATS)) or DEFAULT_FORMATS
    profiles = _choices(form, "profiel", tuple(PROFILES))
    levels = [str(v).strip() for v in form.getlist("niveau") if str(v).strip()]
    try:
        parse_levels(levels)
    except SelectionError as exc:
        raise FieldError(
            "serve_bad_field", field="niveau", value=exc.params["value"], known="Landelijk, Regionaal, Lokaal"
        ) from None
    label = str(form.get("bijlage") or "").strip()[:200] or None
    options = {
        "profile": profiles[0] if profiles else "rapport",
        "appendix_label": label,
        "qr": str(form.get("qr") or "").strip().lower() in YES,
        "levels": tuple(levels),
        "themes": tuple(str(v).strip()[:200] for v in form.getlist("thema") if str(v).strip()),
    }
    return formats, options
