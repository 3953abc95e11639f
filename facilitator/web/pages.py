"""The pages and their files: the attendee page, the remote page, ``/static/...`` (bundled in
``assets/web``, gzipped once in memory) and the pictures of the run's steps. Nothing is ever
served from outside its folder."""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from facilitator.assets import asset_path

from . import languages
from .api_phone import Id
from .app import ApiError
from .security import safe_path

router = APIRouter(include_in_schema=False)

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
}
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}


def web_root() -> Path:
    return asset_path("web")


@cache
def _packed(path: Path) -> tuple[bytes, bytes, str]:
    """A file's bytes, gzipped bytes and ETag (the files never change while the app runs)."""
    return _pack(path.read_bytes())


def _pack(raw: bytes) -> tuple[bytes, bytes, str]:
    return raw, gzip.compress(raw, 9, mtime=0), '"' + hashlib.sha256(raw).hexdigest()[:20] + '"'


def phone_script() -> bytes:
    """The attendee page's script as phones get it: its words (``i18n.js``), the page's own
    code, then each kind's part (``kinds/KIND.js``, which registers itself), then the call
    that starts the page. One request, no build step."""
    words = (web_root() / "i18n.js").read_bytes()
    return words + b"\n" + _with_kinds("phone.js", b"FAC.start();\n")


def phone_style() -> bytes:
    """The attendee page's style: the page's own, then each kind's (``kinds/KIND.css``)."""
    return _with_kinds("phone.css")


def _with_kinds(name: str, ending: bytes = b"") -> bytes:
    root = web_root()
    suffix = Path(name).suffix
    parts = [(root / name).read_bytes()]
    parts += [path.read_bytes() for path in sorted((root / "kinds").glob(f"*{suffix}"))]
    return b"\n".join([*parts, ending])


BUNDLES = {"phone.js": phone_script, "phone.css": phone_style}


@cache
def _packed_bundle(name: str) -> tuple[bytes, bytes, str]:
    return _pack(BUNDLES[name]())


def serve_file(request: Request, path: Path) -> Response:
    bundled = path.parent == web_root() and path.name in BUNDLES
    packed_file = _packed_bundle(path.name) if bundled else _packed(path)
    return _serve(request, packed_file, path.suffix)


def _serve(request: Request, packed_file: tuple[bytes, bytes, str], suffix: str) -> Response:
    raw, packed, etag = packed_file
    headers = {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    media_type = TYPES.get(suffix, "application/octet-stream")
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type=media_type, headers=headers)
    return Response(raw, media_type=media_type, headers=headers)


@router.get("/")
def attendee_page(request: Request) -> Response:
    return serve_file(request, web_root() / "index.html")


@router.get("/remote")
def remote_page(request: Request) -> Response:
    return serve_file(request, web_root() / "remote.html")


@router.get("/static/{relative:path}")
def static(relative: str, request: Request) -> Response:
    path = safe_path(web_root(), relative)
    if path is None:
        raise ApiError(404, "There is no such file.")
    return serve_file(request, path)


@router.get("/i18n/catalogue.json")
def language_catalogue(request: Request, langs: str | None = None) -> Response:
    """The phone page's texts in one language: the first of ``langs`` (the phone's languages,
    best first, or the one picked on the page) there is a catalogue of, else by the
    Accept-Language header, else English."""
    lang = languages.choose((langs or "")[:200], request.headers.get("accept-language"))
    ctx = request.app.state.context
    document = languages.catalogue(lang, ctx.model.db.folder)
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return _serve(request, _pack(raw), ".json")


@router.get("/media/{step_id}/{field}")
def media(step_id: Id, field: str, request: Request) -> Response:
    """A step's picture (never its video: that plays on the projector only)."""
    ctx = request.app.state.context
    step = ctx.live.steps.get(step_id)
    value = step.settings.get(field) if step is not None and field == "image" else None
    path = safe_path(step.media_dir, value) if isinstance(value, str) else None
    if path is None or path.suffix.lower() not in IMAGE_TYPES:
        raise ApiError(404, "There is no such picture.")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=3600"})
