"""The FastAPI application: its shared context, the error format (``{"error": sentence}``), and
the ASGI middleware for body limits, security headers and noticing phones."""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from facilitator import __version__
from facilitator.model.errors import Conflict, Forbidden, ModelError, NotFound
from facilitator.model.records import RunInfo
from facilitator.model.service import Model

from .hub import Hub
from .live import Live
from .remote_feed import RemoteFeed
from .security import MAX_BODY, SECURITY_HEADERS, RateLimiter, WrongCodes
from .writer import GroupWriter, NoteWriter

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer other than success, with its status and a sentence for people; ``code`` and
    ``params`` name the sentence for the phone page to say in its reader's language."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: dict | None = None,
        *,
        code: str | None = None,
        params: dict | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.code = code
        self.params = params or {}


@dataclass
class Context:
    """Everything the routes need, built once per server."""

    model: Model
    run: RunInfo
    hub: Hub
    live: Live
    writer: NoteWriter
    answer_writer: GroupWriter  # answers to steps (Responses.answer_many), group-committed
    join_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(burst=20, rate=2))
    note_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(burst=20, rate=0.5))
    action_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(burst=30, rate=2))
    wrong_codes: WrongCodes = field(default_factory=WrongCodes)  # a test may give its own
    tokens: dict[str, int] = field(default_factory=dict)  # token -> participant id
    phones_seen: set[str] = field(default_factory=set)
    remote_feed: RemoteFeed = field(default_factory=RemoteFeed)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def run_id(self) -> int:
        return self.run.id


class ErrorBody(BaseModel):
    """The body of every answer other than success."""

    error: str = Field(..., description="one sentence a person understands (English)")
    code: str | None = Field(
        None, description="names the sentence, for pages that say it in their reader's language"
    )
    params: dict | None = Field(None, description="what the sentence's {names} stand for")


_MEANINGS = {
    400: "The request cannot be understood.",
    403: "Not joined, or not the right key (or not yours to change).",
    404: "No such step or note in this run.",
    409: "Not now: the step is not taking this, is closed, or the run has ended.",
    413: "The body is over 16 KB.",
    422: "The body or the address is not valid; the sentence says what.",
    429: "Too many at once; try again after Retry-After seconds.",
    503: "The laptop is busy for a moment; try again after Retry-After seconds.",
}
_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
_RETRY_AFTER = {
    "Retry-After": {"description": "whole seconds to wait", "schema": {"type": "integer"}}
}


def errors(*statuses: int) -> dict[int | str, dict]:
    """The ``responses=`` of a route that can answer with these statuses, each with the
    ``{"error": sentence}`` body (429 and 503 with their Retry-After). Listing 422 also keeps
    FastAPI from documenting its own validation body, which this app never sends."""
    documented: dict[int | str, dict] = {}
    for status in sorted(statuses):
        documented[status] = {"model": ErrorBody, "description": _MEANINGS[status]}
        if status in (429, 503):
            documented[status]["headers"] = _RETRY_AFTER
    return documented


def error_response(
    status: int, message: str, headers: dict | None = None, code=None, params=None
) -> JSONResponse:
    body = {"error": message}
    if code:
        body["code"], body["params"] = code, dict(params or {})
    return JSONResponse(body, status_code=status, headers=headers)


_MODEL_STATUS = {NotFound: 404, Forbidden: 403, Conflict: 409}


def _model_error(_request: Request, error: ModelError) -> JSONResponse:
    status = next((code for cls, code in _MODEL_STATUS.items() if isinstance(error, cls)), 422)
    return error_response(status, error.message, code=error.code, params=error.params)


def _api_error(_request: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status, error.message, error.headers, error.code, error.params)


def _validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
    problems = []
    for item in error.errors()[:3]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path"))
        message = str(item.get("msg", "is not valid"))
        problems.append(f"{where}: {message}" if where else message)
    message = "This request is not valid (" + "; ".join(problems) + ")."
    return error_response(422, message, code="not_valid")


def _http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
    headers = getattr(error, "headers", None)
    if error.status_code == 404:
        return error_response(404, "There is nothing at this address.", headers, code="not_found")
    if error.status_code == 405:
        message = "This address does not accept that kind of request."
        return error_response(405, message, headers, code="wrong_method")
    return error_response(error.status_code, str(error.detail), headers)


def _busy(_request: Request, _error: OperationalError) -> JSONResponse:
    log.warning("database busy", exc_info=True)
    return error_response(
        503,
        "The laptop is busy for a moment; your phone will try again.",
        {"Retry-After": "1"},
        code="busy",
    )


def _unexpected(_request: Request, _error: Exception) -> JSONResponse:
    log.exception("unexpected error in a request")
    return error_response(
        500, "Something went wrong on the laptop; please try again.", code="unexpected"
    )


def is_loopback(host: str | None) -> bool:
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


class Guard:
    """ASGI middleware: refuses bodies over 16 KB (413), adds the security headers to every
    answer, and remembers which phones (non-loopback clients) have reached the laptop."""

    def __init__(self, app, context: Context):
        self.app = app
        self.context = context

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("", 0))[0]
        if client and not is_loopback(client) and client not in self.context.phones_seen:
            with self.context.lock:
                self.context.phones_seen.add(client)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return await _too_large(send)
        started = False
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY:
                raise _TooLarge
            return message

        async def secured_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except _TooLarge:
            if not started:
                await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send) -> None:
    response = error_response(
        413,
        "That is too much to send at once (the limit is 16 KB).",
        code="too_large",
        params={"kb": MAX_BODY // 1024},
    )
    headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [*response.raw_headers, *headers, (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": response.body})


def create_app(context: Context) -> FastAPI:
    """The application for one run."""
    from . import api_answers, api_phone, api_remote, pages

    app = FastAPI(
        title="Facilitator",
        version=__version__,
        description="Phones join a workshop run, add notes and follow the steps live.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = context
    app.add_exception_handler(ModelError, _model_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _busy)
    app.add_exception_handler(Exception, _unexpected)
    app.include_router(pages.router)
    app.include_router(api_phone.router)
    app.include_router(api_answers.router)
    app.include_router(api_remote.router)
    app.add_middleware(Guard, context=context)
    app.openapi = _with_error_bodies(app.openapi)
    return app


def _with_error_bodies(make_schema):
    """The schema maker, but wherever FastAPI documents its own validation body for a 422 it
    says ``{"error": sentence}`` instead, which is what ``_validation_error`` sends."""

    def schema() -> dict:
        found = make_schema()
        for operations in found.get("paths", {}).values():
            for operation in operations.values():
                answer = operation.get("responses", {}).get("422", {})
                if "HTTPValidationError" in json.dumps(answer):
                    answer.clear()
                    answer.update(description=_MEANINGS[422], content=_ERROR_CONTENT)
        kept = found.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            kept.pop(name, None)
        kept.setdefault("ErrorBody", ErrorBody.model_json_schema())
        return found

    return schema
