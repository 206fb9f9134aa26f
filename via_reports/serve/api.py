"""The JSON API under the page (`/api/…`); the page's own routes use the same calls.

POST /api/validate                   the check of an uploaded workbook
POST /api/builds                     a build (202); GET /api/builds/<id> its state
GET  /api/builds/<id>/files/<name>   one file; GET /api/builds/<id>/zip all of them
GET  /api/werkmap                    the check of the followed workbook, with versie
"""

from __future__ import annotations

import asyncio
import shutil
import zipfile
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..messages import text
from .forms import build_request, read_form, save_upload, upload_of
from .jobs import Build

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "zip": "application/zip",
}
# the HTML overview, in the preview frame or downloaded: styles and images inline, nothing else, no scripts
DOCUMENT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox; frame-ancestors 'self'"
)


def url(request: Request, path: str) -> str:
    """An address as the browser must use it (behind a proxy: with --root-path before it)."""
    return request.scope.get("root_path", "").rstrip("/") + path


def server_of(request: Request):
    return request.app.state.server


async def start_build(
    request: Request, form: FormData, workbook: UploadFile | Path, source: str | None = None
) -> Build:
    """Store the workbook (and an optional previous edition) in a new job folder and queue
    its build. `workbook` is an upload or a file of the server's own (copied first)."""
    server = server_of(request)
    formats, options = build_request(form)
    server.jobs.check_room()
    job_id, folder = server.jobs.new_folder()
    try:
        if isinstance(workbook, Path):
            target = folder / "werkmap"
            target.mkdir()
            path = await asyncio.to_thread(shutil.copyfile, workbook, target / workbook.name)
        else:
            path = await save_upload(workbook, folder / "werkmap")
        if (previous := upload_of(form, "vorige", required=False)) is not None:
            options["previous"] = await save_upload(previous, folder / "vorige")
        options["theme_dir"] = server.theme_dir
        options.update(server.read_options(workbook if isinstance(workbook, Path) else path))
        build = server.jobs.submit(job_id, folder, Path(path), formats, options)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    build.source = source
    return build


def build_json(request: Request, build: Build) -> dict:
    stage, count, _ = build.progress()
    base = url(request, f"/api/builds/{build.id}")
    files = [
        {"name": f.name, "url": f"{base}/files/{quote(f.name)}", "bytes": f.stat().st_size}
        for f in build.files
        if f.exists()
    ]
    return {
        "id": build.id,
        "status": build.status,
        "stage": f"{stage} {count}" if count is not None else stage,
        "pages": count,
        "diagnostics": build.diagnostics,
        "files": files,
        "zip": f"{base}/zip" if files else None,
        "workbook": build.workbook.name,
    }


def not_found(request: Request, code: str = "serve_unknown_build") -> JSONResponse:
    minutes = round(server_of(request).config.keep_minutes)
    return JSONResponse({"message": text(code, minutes=minutes)}, status_code=404)


async def validate_route(request: Request) -> Response:
    server = server_of(request)
    async with read_form(request) as form:
        upload = upload_of(form, "werkmap", required=True)
        _, folder = server.jobs.new_folder()
        try:
            check = await server.check(await save_upload(upload, folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return JSONResponse(check.as_json())


async def builds_route(request: Request) -> Response:
    async with read_form(request) as form:
        build = await start_build(request, form, upload_of(form, "werkmap", required=True))
    where = url(request, f"/api/builds/{build.id}")
    return JSONResponse({"id": build.id, "status": build.status, "url": where}, 202, headers={"Location": where})


async def build_route(request: Request) -> Response:
    build = server_of(request).jobs.builds.get(request.path_params["id"])
    if build is None:
        return not_found(request)
    return JSONResponse(build_json(request, build), headers={"Cache-Control": "no-store"})


def attachment(path: Path, name: str, suffix: str) -> FileResponse:
    headers = {"Content-Security-Policy": DOCUMENT_CSP} if suffix == "html" else {}
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
        filename=name,
        content_disposition_type="attachment",
        headers=headers,
    )


async def file_route(request: Request) -> Response:
    build = server_of(request).jobs.builds.get(request.path_params["id"])
    if build is None:
        return not_found(request)
    path = build.file(request.path_params["name"])
    if path is None or not path.resolve().is_relative_to(build.outdir.resolve()):
        return not_found(request, "serve_unknown_file")
    return attachment(path, path.name, path.suffix.lstrip(".").lower())


async def zip_route(request: Request) -> Response:
    build = server_of(request).jobs.builds.get(request.path_params["id"])
    if build is None:
        return not_found(request)
    if not build.files:
        return not_found(request, "serve_unknown_file")
    archive = build.folder / "alles.zip"
    if not archive.exists():
        await asyncio.to_thread(_zip, build.files, archive)
    return attachment(archive, f"{build.files[0].stem}.zip", "zip")


def _zip(files: list[Path], archive: Path) -> None:
    temp = archive.with_suffix(".tmp")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for path in files:
            out.write(path, path.name)
    temp.replace(archive)


async def werkmap_route(request: Request) -> Response:
    watched = server_of(request).watched
    if watched is None:
        return not_found(request, "serve_not_watching")
    state = await watched.current()
    return JSONResponse({**state.check.as_json(), "versie": state.versie}, headers={"Cache-Control": "no-store"})


ROUTES = [
    Route("/api/validate", validate_route, methods=["POST"]),
    Route("/api/builds", builds_route, methods=["POST"]),
    Route("/api/builds/{id}", build_route),
    Route("/api/builds/{id}/files/{name}", file_route),
    Route("/api/builds/{id}/zip", zip_route),
    Route("/api/werkmap", werkmap_route),
]
