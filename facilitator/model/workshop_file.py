"""Workshop files: a folder with ``workshop.yaml`` and its media, or the same folder zipped as a
``.workshop`` file. Loading checks everything first and reports each problem with its place
(``steps[3].video: file not found: clips/fuda.mp4``); a broken file imports nothing.

The format::

    format: 1
    title: Change Agents - session 1
    description: ...
    facilitator_notes: ...
    steps:
      - kind: whiteboard          # info | video | reflect | whiteboard | position | feedback
        title: Shared identity and values
        prompt: What did Rita O'Grady do to mobilise her audience?
        notes: for the facilitator's eyes only
        timer: 300                # seconds, optional
        zones: [A, B]             # whiteboard only
        votes: 3                  # and the other settings of the kind, at the step's top level
        reveal: false             # whiteboard: notes hidden from the room until revealed
        show_others: true         # whiteboard: phones see everyone's notes
        anonymous: false          # whiteboard: no author names but on the facilitator's console
        votes_visible: true       # whiteboard: false keeps vote counts off the phones until
                                  #   the facilitator closes the board (against bandwagon votes)
    resources:
      - {title: Start with why, url: "https://...", text: "..."}
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml
from pydantic import ValidationError

from . import events, kinds, orm
from .errors import WorkshopFileError
from .events import Event
from .library import MEDIA_ROOT, Library, pydantic_problems
from .records import WorkshopInfo, workshop_info

FORMAT = 1
YAML_NAME = "workshop.yaml"
ZIP_SUFFIX = ".workshop"
ZIP_MAX_BYTES = 4 * 1024**3
ZIP_MAX_FILES = 2000
STEP_FIELDS = {"kind", "title", "prompt", "notes", "timer", "zones"}
TOP_FIELDS = {"format", "title", "description", "facilitator_notes", "steps", "resources", "uid"}
RESOURCE_FIELDS = {"title", "url", "file", "text"}
STORED_SUFFIXES = {".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".png", ".jpg", ".jpeg"}


@dataclass
class StepData:
    kind: str
    title: str
    prompt: str = ""
    facilitator_notes: str = ""
    timer_seconds: int | None = None
    settings: dict = field(default_factory=dict)
    zones: list[str] = field(default_factory=list)


@dataclass
class WorkshopData:
    """A checked workshop file, ready to import."""

    folder: Path
    title: str
    description: str = ""
    facilitator_notes: str = ""
    uid: str | None = None
    steps: list[StepData] = field(default_factory=list)
    resources: list[dict] = field(default_factory=list)
    media: set[str] = field(default_factory=set)


# -- reading -----------------------------------------------------------------------------------


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Path]:
    """The folder holding ``workshop.yaml`` for a folder, a yaml file or a ``.workshop`` zip."""
    path = Path(path)
    if not path.exists():
        raise WorkshopFileError([f"{path}: no such file or folder"])
    if path.is_dir():
        yield path
    elif path.name.endswith((".yaml", ".yml")):
        yield path.parent
    elif zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="facilitator-import-") as tmp:
            yield _unzip(path, Path(tmp))
    else:
        raise WorkshopFileError([f"{path.name}: not a workshop folder or .workshop file"])


def _unzip(path: Path, target: Path) -> Path:
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_FILES:
            raise WorkshopFileError([f"{path.name}: too many files ({len(members)})"])
        if sum(m.file_size for m in members) > ZIP_MAX_BYTES:
            raise WorkshopFileError([f"{path.name}: too large to unpack (over 4 GB)"])
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in member.filename:
                raise WorkshopFileError([f"{path.name}: unsafe file name {member.filename!r}"])
        archive.extractall(target)
    if (target / YAML_NAME).is_file():
        return target
    inner = [p for p in target.iterdir() if (p / YAML_NAME).is_file()]
    if len(inner) == 1:
        return inner[0]
    raise WorkshopFileError([f"{path.name}: no {YAML_NAME} inside"])


def load(folder: Path) -> WorkshopData:
    """Read and check ``folder/workshop.yaml``; WorkshopFileError lists every problem."""
    yaml_path = folder / YAML_NAME
    if not yaml_path.is_file():
        raise WorkshopFileError([f"{YAML_NAME}: not found in {folder}"])
    try:
        raw = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise WorkshopFileError([f"{YAML_NAME}: not UTF-8 text"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise WorkshopFileError([f"{YAML_NAME}{where}: {problem}"]) from None
    checker = _Checker(folder)
    data = checker.workshop(raw)
    if checker.problems:
        raise WorkshopFileError(checker.problems)
    return data


class _Checker:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[str] = []
        self.media: set[str] = set()

    def problem(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    def text(self, raw: dict, key: str, place: str, *, required=False, default="") -> str:
        value = raw.get(key, default)
        if value is None:
            value = default
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(f"{place}.{key}" if place else key, "must be text")
            return default
        if required and not value.strip():
            self.problem(f"{place}.{key}" if place else key, "is required")
        return value.strip()

    def unknown(self, raw: dict, allowed: set[str], place: str) -> None:
        for key in raw:
            if key not in allowed:
                self.problem(f"{place}.{key}" if place else str(key), "unknown field")

    def media_file(self, value: str, place: str) -> None:
        relative = PurePosixPath(value.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts:
            self.problem(place, f"must be a file inside the workshop folder: {value}")
        elif not (self.folder / relative).is_file():
            self.problem(place, f"file not found: {value}")
        else:
            self.media.add(str(relative))

    def workshop(self, raw) -> WorkshopData:
        if not isinstance(raw, dict):
            self.problem(YAML_NAME, "must be a mapping with a title and steps")
            return WorkshopData(self.folder, "")
        self.unknown(raw, TOP_FIELDS, "")
        if raw.get("format", FORMAT) != FORMAT:
            self.problem("format", f"this version reads format {FORMAT}, not {raw.get('format')}")
        data = WorkshopData(
            folder=self.folder,
            title=self.text(raw, "title", "", required=True),
            description=self.text(raw, "description", ""),
            facilitator_notes=self.text(raw, "facilitator_notes", ""),
            uid=self.text(raw, "uid", "") or None,
        )
        steps = raw.get("steps")
        if not isinstance(steps, list) or not steps:
            self.problem("steps", "a workshop needs a list of at least one step")
            steps = []
        data.steps = [s for i, r in enumerate(steps) if (s := self.step(r, f"steps[{i}]"))]
        resources = raw.get("resources") or []
        if not isinstance(resources, list):
            self.problem("resources", "must be a list")
            resources = []
        data.resources = [
            r for i, x in enumerate(resources) if (r := self.resource(x, f"resources[{i}]"))
        ]
        data.media = self.media
        return data

    def step(self, raw, place: str) -> StepData | None:
        if not isinstance(raw, dict):
            self.problem(place, "must be a mapping with a kind")
            return None
        kind = raw.get("kind")
        if kind not in kinds.registry():
            known = ", ".join(kinds.names())
            self.problem(f"{place}.kind", f"unknown kind {kind!r} (known: {known})")
            return None
        spec = kinds.get(kind)
        settings = {k: v for k, v in raw.items() if k not in STEP_FIELDS}
        step = StepData(
            kind=kind,
            title=self.text(raw, "title", place, required=True),
            prompt=self.text(raw, "prompt", place),
            facilitator_notes=self.text(raw, "notes", place),
        )
        timer = raw.get("timer")
        if timer is not None:
            if isinstance(timer, bool) or not isinstance(timer, int) or not 0 < timer <= 86400:
                self.problem(f"{place}.timer", "must be a whole number of seconds (1 to 86400)")
            else:
                step.timer_seconds = timer
        zones = raw.get("zones") or []
        if zones and not spec.has_zones:
            self.problem(f"{place}.zones", f"a {kind} step has no zones")
        elif not isinstance(zones, list) or not all(
            isinstance(z, str) and z.strip() for z in zones
        ):
            self.problem(f"{place}.zones", "must be a list of labels")
        else:
            step.zones = [z.strip() for z in zones]
        try:
            step.settings = spec.settings.model_validate(settings).model_dump(mode="json")
        except ValidationError as error:
            for loc, message in pydantic_problems(error):
                if message == "Extra inputs are not permitted":
                    message = "unknown field"
                self.problem(f"{place}.{loc}" if loc else place, message)
            return None
        for name in spec.media_fields:
            if step.settings.get(name):
                self.media_file(step.settings[name], f"{place}.{name}")
        for name, what in spec.required_media:
            if not step.settings.get(name):
                self.problem(f"{place}.{name}", f"a {kind} step needs {what}")
        return step

    def resource(self, raw, place: str) -> dict | None:
        if not isinstance(raw, dict):
            self.problem(place, "must be a mapping with a title")
            return None
        self.unknown(raw, RESOURCE_FIELDS, place)
        res = {
            "title": self.text(raw, "title", place, required=True),
            "url": self.text(raw, "url", place) or None,
            "file": self.text(raw, "file", place) or None,
            "text": self.text(raw, "text", place),
        }
        if res["url"] and not res["url"].lower().startswith(("http://", "https://")):
            self.problem(f"{place}.url", "must start with http:// or https://")
        if res["file"]:
            self.media_file(res["file"], f"{place}.file")
        return res


# -- importing and exporting ---------------------------------------------------------------------


def import_workshop(library: Library, path: Path, *, is_demo: bool = False) -> WorkshopInfo:
    """Check a workshop file and add it to the library, media included, in one transaction."""
    with opened(Path(path)) as folder:
        data = load(folder)
        uid = data.uid if is_demo and data.uid else uuid.uuid4().hex
        media_dir = f"{MEDIA_ROOT}/{uid}"
        target = library.db.folder / media_dir
        for name in sorted(data.media):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / name, target / name)
    target.mkdir(parents=True, exist_ok=True)
    try:
        with library.db.write() as s:
            ws = orm.Workshop(
                uid=uid,
                title=data.title,
                description=data.description,
                facilitator_notes=data.facilitator_notes,
                media_dir=media_dir,
                is_demo=is_demo,
            )
            for i, step in enumerate(data.steps):
                ws.steps.append(
                    orm.new_step(
                        position=i,
                        kind=step.kind,
                        title=step.title,
                        prompt=step.prompt,
                        facilitator_notes=step.facilitator_notes,
                        timer_seconds=step.timer_seconds,
                        settings=step.settings,
                        zones=step.zones,
                    )
                )
            for i, res in enumerate(data.resources):
                ws.resources.append(orm.Resource(position=i, **res))
            s.add(ws)
            s.flush()
            info = workshop_info(ws, library.db.folder, len(ws.steps))
    except Exception:
        shutil.rmtree(target, ignore_errors=True)
        raise
    library.bus.publish(Event(events.WORKSHOP_CHANGED, None, info))
    return info


def to_yaml_dict(library: Library, workshop_id: int) -> tuple[dict, set[str]]:
    """The workshop as the YAML mapping, and the media files it uses."""
    ws = library.workshop(workshop_id)
    media: set[str] = set()
    steps = []
    for step in library.steps(workshop_id):
        out: dict = {"kind": step.kind, "title": step.title}
        if step.prompt:
            out["prompt"] = step.prompt
        if step.facilitator_notes:
            out["notes"] = step.facilitator_notes
        if step.timer_seconds:
            out["timer"] = step.timer_seconds
        if step.zones:
            out["zones"] = [z.label for z in step.zones]
        defaults = kinds.get(step.kind).default_settings()
        for key, value in step.settings.items():
            if value != defaults.get(key):
                out[key] = value
        for name in kinds.get(step.kind).media_fields:
            if step.settings.get(name):
                media.add(step.settings[name])
        steps.append(out)
    resources = []
    for res in library.resources(workshop_id):
        item = {"title": res.title}
        for key in ("url", "file", "text"):
            if getattr(res, key):
                item[key] = getattr(res, key)
        if res.file:
            media.add(res.file)
        resources.append(item)
    doc: dict = {"format": FORMAT, "title": ws.title}
    if ws.description:
        doc["description"] = ws.description
    if ws.facilitator_notes:
        doc["facilitator_notes"] = ws.facilitator_notes
    doc["steps"] = steps
    if resources:
        doc["resources"] = resources
    return doc, media


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as readable ``|`` blocks."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def export_workshop(library: Library, workshop_id: int, path: Path) -> Path:
    """Write a workshop as a ``.workshop`` file (when ``path`` ends so) or as a folder."""
    path = Path(path)
    doc, media = to_yaml_dict(library, workshop_id)
    source = library.workshop(workshop_id).media_dir
    text = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    missing = [name for name in sorted(media) if not (source / name).is_file()]
    if missing:
        raise WorkshopFileError([f"media file missing from the library: {n}" for n in missing])
    if path.suffix.lower() in (ZIP_SUFFIX, ".zip"):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(YAML_NAME, text)
            for name in sorted(media):
                stored = Path(name).suffix.lower() in STORED_SUFFIXES
                archive.write(source / name, name, zipfile.ZIP_STORED if stored else None)
        partial.replace(path)
        return path
    if path.exists() and any(path.iterdir()):
        raise WorkshopFileError([f"{path}: the folder is not empty; choose an empty one"])
    path.mkdir(parents=True, exist_ok=True)
    (path / YAML_NAME).write_text(text, encoding="utf-8")
    for name in sorted(media):
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, path / name)
    return path
