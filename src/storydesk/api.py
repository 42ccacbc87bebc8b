"""The HTTP API and web pages: FastAPI routes over a Desk, served by uvicorn.

Every request opens its own Desk (one SQLite connection; WAL lets readers go on while an
ingest writes). The CPU work runs in worker processes, so pages stay quick: uploads are
ingested one at a time in one (web/ingester.py), missing briefings written in another
(web/briefer.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from storydesk import __version__
from storydesk.desk import Desk
from storydesk.errors import InputError, NotFoundError, StorydeskError
from storydesk.ingest.sources import detect_format
from storydesk.settings import Settings
from storydesk.web import pages
from storydesk.web.briefer import Briefer
from storydesk.web.ingester import FORMATS_HELP, UPLOAD_NAME, Ingester
from storydesk.web.views import (
    MAX_LIMIT,
    ArticleView,
    Filters,
    StoryList,
    StoryView,
    article_view,
    story_list,
)

MAX_BODY_BYTES = 5_000_000
PAGE_WAIT_SECONDS = 8.0  # then a story page says its briefing is being written (and reloads)
SECURITY_HEADERS = {
    # No page needs a script; styles and images come from this server only.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Problem(BaseModel):
    """An error: one sentence that says what went wrong."""

    detail: str


class ArticleRecord(BaseModel):
    """One article to ingest (other keys are kept as metadata)."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    byline: str | None = None
    id: str | None = None


def _upload_body() -> dict[str, Any]:
    """Document POST /api/articles' raw body (read by hand, so FastAPI cannot see it)."""
    record = ArticleRecord.model_json_schema()
    text = {"schema": {"type": "string"}}
    return {
        "required": True,
        "content": {
            "application/json": {"schema": {"anyOf": [record, {"type": "array", "items": record}]}},
            "application/x-ndjson": text,
            "application/rss+xml": text,
            "application/atom+xml": text,
        },
    }


class IngestResponse(BaseModel):
    """What an ingest did: articles read, newly stored, already known, copies; stories touched;
    inputs that failed; new articles cleaning left without text."""

    read: int
    added: int
    already_stored: int
    copies: int
    stories: list[str]
    errors: list[str]
    no_text: list[str] = []  # new articles cleaning left without text (error pages, widgets)


@dataclass(frozen=True, slots=True)
class AppState:
    """What every request needs: settings, whether ingest is allowed, and the two workers."""

    settings: Settings
    read_only: bool
    max_body_bytes: int
    ingester: Ingester
    briefer: Briefer


def create_app(
    settings: Settings,
    *,
    read_only: bool = False,
    max_body_bytes: int = MAX_BODY_BYTES,
    workers: int = 1,
) -> FastAPI:
    """Build the web application over the database of `settings`.

    Args:
        settings: storydesk settings (settings.db is the database).
        read_only: refuse ingest requests (403).
        max_body_bytes: larger request bodies are refused (413).
        workers: processes that write missing briefings, besides the one that ingests
            uploads; 0 does both in the server's own threads.

    Returns:
        The FastAPI application: HTML pages at /, /stories/{id}, /articles/{id} and their
        JSON twins under /api/, plus POST /api/articles and the schema at /openapi.json.
    """
    with Desk(settings.db, settings=settings):
        pass  # create the database and its schema before the first request
    briefer = Briefer(settings, workers=workers)
    ingester = Ingester(settings, in_process=workers == 0)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        briefer.close()
        ingester.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storydesk",
        version=__version__,
        description="Stories across outlets: attributed summaries, quotes and comparisons.",
        docs_url=None,  # the docs pages load scripts from a CDN; /openapi.json is enough
        redoc_url=None,
    )
    app.state.storydesk = AppState(settings, read_only, max_body_bytes, ingester, briefer)
    _add_routes(app)
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(packages=[("storydesk", "web/static")]), name="static")
    return app


def serve(
    settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False
) -> None:
    """Serve the web pages and the JSON API until interrupted."""
    import uvicorn

    uvicorn.run(create_app(settings, read_only=read_only), host=host, port=port)


def _state(request: Request) -> AppState:
    state: AppState = request.app.state.storydesk
    return state


def open_desk(request: Request) -> Iterator[Desk]:
    """Open one Desk (one database connection) for the request."""
    state = _state(request)
    desk = Desk(state.settings.db, settings=state.settings)
    try:
        yield desk
    finally:
        desk.close()


DeskDep = Annotated[Desk, Depends(open_desk)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


def _filters(
    q: Annotated[str, Query(max_length=500, description="Words in headlines or text.")] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    person: Annotated[str, Query(max_length=200, description="A name in the articles.")] = "",
    since: Annotated[date | None, Query(description="Active on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Active on or before this day.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Filters:
    return Filters(q.strip(), outlet.strip(), person.strip(), since, until, limit, offset)


FiltersDep = Annotated[Filters, Depends(_filters)]
Start = Annotated[int | None, Query(ge=0, description="Start of the passage to highlight.")]
End = Annotated[int | None, Query(ge=0, description="End of the passage to highlight.")]


def _add_routes(app: FastAPI) -> None:
    app.get("/api/stories", response_model=StoryList, tags=["api"])(api_stories)
    app.get(
        "/api/stories/{story_id}",
        response_model=StoryView,
        responses={
            **NOT_FOUND,
            202: {"model": StoryView, "description": "Briefing being written."},
        },
        tags=["api"],
    )(api_story)
    app.get(
        "/api/articles/{article_id}", response_model=ArticleView, responses=NOT_FOUND, tags=["api"]
    )(api_article)
    app.post(
        "/api/articles",
        response_model=IngestResponse,
        tags=["api"],
        responses={
            400: {"model": Problem},
            403: {"model": Problem},
            413: {"model": Problem},
        },
        openapi_extra={"requestBody": _upload_body()},
    )(api_ingest)
    app.get("/", response_class=HTMLResponse, tags=["pages"])(list_page)
    app.get(
        "/stories/{story_id}", response_class=HTMLResponse, responses=NOT_FOUND, tags=["pages"]
    )(story_page)
    app.get(
        "/articles/{article_id}", response_class=HTMLResponse, responses=NOT_FOUND, tags=["pages"]
    )(article_page)


def api_stories(desk: DeskDep, filters: FiltersDep) -> StoryList:
    """List the stories, the most recently active first, filtered like the web page."""
    return story_list(desk, filters)


def api_story(story_id: str, request: Request, response: Response, desk: DeskDep) -> StoryView:
    """Return a story with its briefing, articles and coverage chart data.

    202 (with `pending` true and Retry-After) while the story's first briefing is being written.
    """
    view = _state(request).briefer.view(desk, story_id, wait=PAGE_WAIT_SECONDS)
    if view.pending:
        response.status_code = 202
        response.headers["Retry-After"] = str(pages.REFRESH_SECONDS)
    return view


def api_article(
    article_id: str, desk: DeskDep, start: Start = None, end: End = None
) -> ArticleView:
    """Return an article: its text as ingested, the junk cleaning dropped, and its story."""
    return article_view(desk, article_id, highlight=_range(start, end))


def list_page(request: Request, desk: DeskDep, filters: FiltersDep) -> HTMLResponse:
    """The story list with search and filters."""
    view = story_list(desk, filters)
    return HTMLResponse(pages.render_list(view, read_only=_state(request).read_only))


def story_page(story_id: str, request: Request, desk: DeskDep) -> Response:
    """A story's briefing: summary with outlet chips, quotes, entities, timeline, comparison."""
    current = desk.story(story_id).id
    if current != story_id:  # a merged-away id or a prefix: show the story under its own id
        return RedirectResponse(f"/stories/{current}", status_code=307)
    view = _state(request).briefer.view(desk, current, wait=PAGE_WAIT_SECONDS)
    return HTMLResponse(pages.render_story(view))


def article_page(
    article_id: str,
    desk: DeskDep,
    start: Start = None,
    end: End = None,
    junk: Annotated[bool, Query(description="Show the dropped junk in place.")] = False,
) -> HTMLResponse:
    """An article's clean text, a highlighted passage, and the dropped junk on demand."""
    view = article_view(desk, article_id, highlight=_range(start, end))
    return HTMLResponse(pages.render_article(view, show_junk=junk))


def _range(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


async def api_ingest(
    request: Request,
    format: Annotated[
        str | None,
        Query(
            pattern="^(jsonl|json|ndjson|feed|rss|atom|html|text|txt)$",
            description="The body's format; by default told from Content-Type, else the content.",
        ),
    ] = None,
    outlet: Annotated[
        str | None, Query(max_length=200, description="Outlet of every article.")
    ] = None,
) -> IngestResponse:
    """Ingest the articles of a JSON, JSON Lines or RSS/Atom body: clean, dedupe, cluster, store."""
    state = _state(request)
    if state.read_only:
        raise HTTPException(403, "This server is read-only; it does not accept articles.")
    data = await _read_body(request, state.max_body_bytes)
    fmt = format or detect_format(UPLOAD_NAME, data, request.headers.get("content-type"))
    outcome = await run_in_threadpool(state.ingester.run, data, fmt=fmt, outlet=outlet)
    if outcome.problem:
        raise HTTPException(400, outcome.problem)
    return IngestResponse(
        read=outcome.read,
        added=outcome.added,
        already_stored=outcome.already_stored,
        copies=outcome.copies,
        stories=list(outcome.stories),
        errors=list(outcome.errors),
        no_text=list(outcome.no_text),
    )


async def _read_body(request: Request, limit: int) -> bytes:
    """Read the body, refusing more than `limit` bytes before reading them all."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, _too_large(limit))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, _too_large(limit))
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise HTTPException(400, f"The request body is empty; {FORMATS_HELP}.")
    return data


def _too_large(limit: int) -> str:
    return f"The request body is larger than {limit:,} bytes; send the articles in smaller batches."


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StorydeskError)
    async def failed(request: Request, exc: StorydeskError) -> Response:
        return _error(request, 500, str(exc))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _error(request: Request, status: int, message: str) -> Response:
    """Answer an API request with JSON and a page request with an HTML error page."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status)
    return HTMLResponse(pages.render_error(status, message), status_code=status)
