"""The web app: the API and page routes, static files, error answers, and the
server's life (its job folder, its workers and the watched workbook)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import anyio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..messages import text
from ..theme import DEFAULT_THEME, Theme, find_theme, load_theme
from ..writers.render import check_templates
from . import api, pages
from .check import Check, check_workbook
from .config import ServeConfig, is_loopback
from .forms import FieldError
from .guard import Guard, UploadTooLarge
from .jobs import Busy, Jobs
from .watch import Watched

HERE = Path(__file__).parent


class Server:
    """Everything a request may need, at `request.app.state.server`."""

    def __init__(self, config: ServeConfig):
        self.config = config
        # only server-side themes: --theme, or a via-reports.toml beside the followed workbook
        if config.theme_dir is not None:
            self.theme: Theme = load_theme(config.theme_dir)
        else:
            self.theme = find_theme(None, config.workbook) if config.workbook else DEFAULT_THEME
        self.theme_dir = self.theme.folder
        check_templates(self.theme.folders)
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True)
        )
        self.jobs: Jobs | None = None
        self.watched: Watched | None = None
        self.limiter = anyio.CapacityLimiter(config.worker_count)

    async def check(self, path: Path) -> Check:
        """The check of an uploaded workbook (its own Basis cell names no file here)."""
        return await anyio.to_thread.run_sync(check_workbook, path, self.config.basis, limiter=self.limiter)

    def read_options(self, workbook: Path) -> dict:
        """How a build reads its copy of `workbook`: with the server's --basis; for the
        followed workbook (the server's own file) the base its Basis cell names, taken
        from where that file is; an upload's Basis cell names nothing to read."""
        basis = self.config.basis
        if basis is None and self.watched is not None and workbook == self.watched.path:
            from ..reader.compose import named_base

            basis = named_base(workbook)
        return {"basis": basis, "cell_basis": False}

    async def start(self) -> None:
        c = self.config
        self.jobs = Jobs(
            workers=c.worker_count, queue_limit=c.queue_limit, keep_seconds=c.keep_seconds, temp_dir=c.temp_dir
        )
        await self.jobs.start()
        if c.workbook is not None:
            self.watched = Watched(c.workbook, pages.preview_watched(self), basis=c.basis)
            await self.watched.start()

    async def stop(self) -> None:
        if self.watched:
            await self.watched.stop()
        if self.jobs:
            await self.jobs.stop()


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(api.url(request, "/api/")) or "application/json" in request.headers.get(
        "accept", ""
    )


def _error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"message": message}, status, headers=headers)
    return pages.render(request, "fout.html", {"message": message}, status=status, headers=headers)


async def _field_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FieldError)
    return _error(request, 400, exc.message())


async def _busy(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Busy)
    return _error(request, 503, str(exc), {"Retry-After": str(exc.retry_after)})


async def _too_large(request: Request, exc: Exception) -> Response:
    return _error(
        request,
        413,
        text("serve_too_large", limit=request.app.state.server.config.max_upload_mb),
        {"Connection": "close"},
    )


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, text("serve_no_page"))


def create_app(config: ServeConfig) -> Starlette:
    """The ASGI app. Raises ThemeError for a broken --theme (before anything listens)."""
    server = Server(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await server.start()
        try:
            yield
        finally:
            await server.stop()

    guard = Middleware(
        Guard,
        password=config.password,
        check_host=config.password is None and is_loopback(config.host) and not config.root_path,
        max_body=config.max_upload_bytes + 256 * 1024,  # the form around the file
        max_mb=config.max_upload_mb,
    )
    app = Starlette(
        routes=[*api.ROUTES, *pages.ROUTES, Mount("/static", StaticFiles(directory=HERE / "static"), name="static")],
        middleware=[guard],
        exception_handlers={FieldError: _field_error, Busy: _busy, UploadTooLarge: _too_large, 404: _not_found},
        lifespan=lifespan,
    )
    app.state.server = server
    return app
