"""The page for policy advisers: server-rendered HTML that works with plain form posts
(no JavaScript needed) and that `static/app.js` improves (a check as soon as a file is
picked, progress while building, a followed workbook refreshed without a click).

    GET  /                 the page (with serve WERKMAP: the followed workbook's check)
    POST /controle         check an uploaded workbook → /controle/<id>
    GET  /voorbeeld/<id>   the HTML overview of a preview build, for the sandboxed frame
    POST /maak             build the checked workbook → /maak/<id> (the result)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..messages import text
from ..model import Level
from ..profiles import PROFILES
from .api import DOCUMENT_CSP, build_json, server_of, start_build, url
from .check import FILE_GROUP
from .forms import read_form, save_upload, upload_of
from .jobs import Build, Busy

WATCHED = "werkmap"  # the build form's source when the page follows a workbook
FRAME_HEADERS = {"Content-Security-Policy": DOCUMENT_CSP, "X-Frame-Options": "SAMEORIGIN"}
NO_JS_WAIT = 120  # seconds a plain form post waits for its build before showing the progress


def render(request: Request, name: str, context: dict, *, status: int = 200, headers: dict | None = None) -> Response:
    server = server_of(request)
    watched = server.watched
    html = server.templates.get_template(name).render(
        base=url(request, ""),
        watched=watched,
        versie=watched.versie if watched else None,
        keep_minutes=round(server.config.keep_minutes),
        file_group=FILE_GROUP,
        profiles=PROFILES,
        level_names=[level.value for level in Level],
        **context,
    )
    return HTMLResponse(html, status, headers={"Cache-Control": "no-store", **(headers or {})})


def _work(check, preview: Build | None, source: str | None, build: dict | None = None) -> dict:
    return {"check": check, "preview": preview, "source": source, "build": build}


async def _source_context(request: Request, source: str | None) -> dict:
    server = server_of(request)
    if source == WATCHED and server.watched is not None:
        state = await server.watched.current()
        return _work(state.check, state.preview, WATCHED)
    upload = server.jobs.uploads.get(source or "")
    return _work(upload.check, upload.preview, upload.id) if upload else _work(None, None, None)


async def index(request: Request) -> Response:
    return render(request, "index.html", await _source_context(request, WATCHED))


async def submit_preview(server, workbook: Path) -> Build | None:
    """An HTML build of the workbook for the preview frame; none when the server is busy."""
    try:
        server.jobs.check_room()
        job_id, folder = server.jobs.new_folder()
        (folder / "werkmap").mkdir()
        copy = await anyio.to_thread.run_sync(shutil.copyfile, workbook, folder / "werkmap" / workbook.name)
        options = {"theme_dir": server.theme_dir, **server.read_options(workbook)}
        return server.jobs.submit(job_id, folder, Path(copy), ("html",), options)
    except Busy:
        return None


def preview_watched(server):
    """What the followed workbook does after each new check: a fresh preview."""

    async def on_change(watched) -> None:
        old = watched.preview
        watched.preview = await submit_preview(server, watched.path) if watched.check.ok else None
        if old is not None and old.finished is not None:
            server.jobs.builds.pop(old.id, None)
            shutil.rmtree(old.folder, ignore_errors=True)

    return on_change


async def check_upload(request: Request) -> Response:
    server = server_of(request)
    async with read_form(request) as form:
        file = upload_of(form, "werkmap", required=True)
        upload = server.jobs.new_upload()
        upload.workbook = await save_upload(file, upload.folder / "werkmap")
    upload.check = await server.check(upload.workbook)
    if upload.check.ok:
        upload.preview = await submit_preview(server, upload.workbook)
    return RedirectResponse(url(request, f"/controle/{upload.id}#controle"), 303)


async def show_upload(request: Request) -> Response:
    context = await _source_context(request, request.path_params["id"])
    if context["check"] is None:
        return _gone(request)
    return render(request, "index.html", context)


async def preview(request: Request) -> Response:
    build = server_of(request).jobs.builds.get(request.path_params["id"])
    if build is None:
        return _gone(request)
    with anyio.move_on_after(60):
        await build.done.wait()
    html = next((f for f in build.files if f.suffix == ".html"), None)
    if build.status == "done" and html is not None:
        return FileResponse(html, media_type="text/html; charset=utf-8", headers=FRAME_HEADERS)
    message = build.diagnostics[0]["message"] if build.diagnostics else build.progress()[0]
    page = server_of(request).templates.get_template("voorbeeld-fout.html").render(message=message)
    return HTMLResponse(page, headers=FRAME_HEADERS)


async def make(request: Request) -> Response:
    server = server_of(request)
    async with read_form(request) as form:
        source = str(form.get("upload") or "")
        if source == WATCHED and server.watched is not None:
            workbook = server.watched.path
        elif (upload := server.jobs.uploads.get(source)) is not None:
            workbook = upload.workbook
        else:
            return _gone(request)
        build = await start_build(request, form, workbook, source)
    if "application/json" in request.headers.get("accept", ""):
        data = {"id": build.id, "status": build.status, "url": url(request, f"/api/builds/{build.id}")}
        return JSONResponse(data, 202)
    with anyio.move_on_after(NO_JS_WAIT):
        await build.done.wait()
    return RedirectResponse(url(request, f"/maak/{build.id}#resultaat"), 303)


async def show_build(request: Request) -> Response:
    build = server_of(request).jobs.builds.get(request.path_params["id"])
    if build is None:
        return _gone(request)
    context = await _source_context(request, build.source)
    return render(request, "index.html", {**context, "build": build_json(request, build)})


def _gone(request: Request) -> Response:
    message = text("serve_unknown_build", minutes=round(server_of(request).config.keep_minutes))
    return render(request, "fout.html", {"message": message}, status=404)


async def house_style(request: Request) -> Response:
    t = server_of(request).theme
    css = (
        f":root {{ --hoofdkleur: #{t.primary}; --accentkleur: #{t.accent}; --tekstkleur: #{t.text}; "
        f"--grijstint: #{t.muted}; --linkkleur: #{t.link}; }}\n"
    )
    return Response(css, media_type="text/css", headers={"Cache-Control": "no-cache"})


ROUTES = [
    Route("/", index),
    Route("/controle", check_upload, methods=["POST"]),
    Route("/controle/{id}", show_upload),
    Route("/voorbeeld/{id}", preview),
    Route("/maak", make, methods=["POST"]),
    Route("/maak/{id}", show_build),
    Route("/huisstijl.css", house_style),
]
