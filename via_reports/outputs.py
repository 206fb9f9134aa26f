"""The output folder: temporary files, checks before rendering, the final move.

Every format is rendered to a hidden temporary file in the output folder, named after
its document, this process, a random token and this computer
(`.via-beleid.pdf.4711-9f2c1a0b3d4e-laptop.tmp`), so builds running at the same time
never touch each other's files; it is created here, exclusively and never through a
link, before anything is rendered. Temporary files left by a build that was killed
are removed by the next build on the same computer once their process is gone, and by
any build after a day (a shared folder's other computers, a reused process number).

What is refused before rendering, each with a sentence that says what to do: a folder
that cannot take files (read-only, no rights, full), an output that is locked or
read-only, an output that is a folder, an output that is a link (nothing is written
through a link to another place: the output folder is the folder named, a link to a
folder counting as that folder, but inside it only real files are replaced), and an
output that would replace the workbook being read. A full disk or a failing write while
rendering is told the same way; earlier documents stay as they were.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import secrets
import socket
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from .diagnostics import OutputError

STALE_AFTER = 24 * 3600  # seconds: no build takes a day
# .via-beleid.pdf.4711-9f2c1a0b3d4e-laptop.tmp, and a PDF part: ….laptop.deel3.tmp
_TEMPORARY = re.compile(r"\.(?P<pid>[0-9]+)(?:-[0-9a-f]+(?:-(?P<host>[A-Za-z0-9-]*))?)?(?:\.deel[0-9]+)?\.tmp$")
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EROFS, errno.EACCES, errno.EPERM}


def output_error(exc: OSError, path: Path) -> OutputError:
    """An operating system's refusal as a sentence for the user."""
    if exc.errno in _FULL:
        return OutputError("output_disk_full", path)
    if exc.errno in _NOT_ALLOWED:
        return OutputError("output_read_only", path.parent if path.parent != path else path)
    return OutputError("output_failed", path, detail=exc.strerror or exc)


def make_folder(outdir: Path) -> None:
    if outdir.is_symlink() and not outdir.exists():
        raise OutputError("output_failed", outdir, detail=f"een link naar {os.readlink(outdir)}, die niet bestaat")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError("output_failed", outdir, detail="dit is een bestand, geen map") from exc
    except OSError as exc:
        raise output_error(exc, outdir / ".") from exc


def check_outputs(finals: Sequence[Path], inputs: Iterable[Path], templates: Sequence[Path] = ()) -> None:
    """Fail before rendering, not after: every existing output must be a real file that
    can be replaced, and none may be one of the inputs: the workbooks read, or a
    template of a theme folder (`report.html` when the workbook is `report.xlsx` and the
    output folder is the theme's)."""
    inputs = [path for path in inputs if path.exists()]
    for final in finals:
        for template in templates:
            if final.name == template.name and final.exists() and os.path.samefile(final.parent, template.parent):
                raise OutputError("output_is_template", final)
        if final.is_symlink():
            raise OutputError("output_symlink", final, target=os.readlink(final))
        if not final.exists():
            continue
        if final.is_dir():
            raise OutputError("output_failed", final, detail="dit is een map")
        if any(os.path.samefile(final, path) for path in inputs):
            raise OutputError("output_is_input", final)
        try:
            descriptor = os.open(final, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
            os.close(descriptor)
        except OSError as exc:
            if exc.errno == errno.EROFS:
                raise OutputError("output_read_only", final.parent) from exc
            raise OutputError("output_locked", final) from exc


def _host() -> str:
    """This computer's name as it may stand in a file name (output folders can be shared)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:32]


def part_of(temp: Path, number: int) -> Path:
    """The temporary file of part `number` of the temporary `temp` (a PDF made in
    parts): named after it, so it is cleared as the build's own temporaries are."""
    return temp.with_name(f"{temp.stem}.deel{number}{temp.suffix}")


def reserve(final: Path) -> Path:
    """A new temporary file for `final`, created exclusively (never through a link)."""
    temp = final.with_name(f".{final.name}.{os.getpid()}-{secrets.token_hex(6)}-{_host()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.close(os.open(temp, flags, 0o644))
    except OSError as exc:
        raise output_error(exc, temp) from exc
    return temp


def _gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    if sys.platform == "win32":
        return False  # os.kill(pid, 0) would stop the process there; age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (someone else's)
    return False


def remove_stale(outdir: Path, finals: Sequence[Path]) -> None:
    """Temporary files of these outputs whose build is gone."""
    now = time.time()
    for final in finals:
        for name in glob.glob(glob.escape(str(outdir / f".{final.name}.")) + "*.tmp"):
            stale = Path(name)
            match = _TEMPORARY.search(stale.name)
            if match is None or stale.is_dir():
                continue
            try:
                old = now - stale.lstat().st_mtime > STALE_AFTER
                here = match.group("host") in (None, _host())  # another computer's process numbers say nothing
                if old or (here and _gone(int(match.group("pid")))):
                    stale.unlink()
            except OSError:
                continue  # removed meanwhile by the build it belonged to, or not ours to remove


def move_into_place(temp: Path, final: Path) -> None:
    try:
        os.replace(temp, final)
    except PermissionError as exc:
        raise OutputError("output_locked", final) from exc
    except OSError as exc:
        raise output_error(exc, final) from exc
