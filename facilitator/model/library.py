"""The workshop library: the plans a facilitator prepares. Every change is one transaction
followed by one ``workshop_changed`` event."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import func, select

from . import events, kinds, orm
from .db import Database, fetch
from .errors import InvalidInput, NotFound
from .events import Event, EventBus
from .records import (
    ResourceInfo,
    StepInfo,
    WorkshopInfo,
    resource_info,
    step_info,
    workshop_info,
)
from .text import TITLE_MAX, clean

MEDIA_ROOT = "media"


def pydantic_problems(error: ValidationError) -> list[tuple[str, str]]:
    """(place, message) pairs from a pydantic error, places dotted like ``questions[0].text``."""
    out = []
    for item in error.errors():
        place = ""
        for part in item["loc"]:
            place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
        message = item["msg"].removeprefix("Value error, ")
        out.append((place, message))
    return out


def validate_settings(kind: str, settings: dict) -> dict:
    """The settings of a step of ``kind``, checked and with defaults filled in."""
    try:
        spec = kinds.get(kind)
    except KeyError:
        raise InvalidInput(f"Unknown kind of step '{kind}'.") from None
    try:
        return spec.settings.model_validate(settings or {}).model_dump(mode="json")
    except ValidationError as error:
        place, message = pydantic_problems(error)[0]
        raise InvalidInput(f"{place}: {message}" if place else message) from None


class Library:
    """Create, edit and list workshops (never the frozen copies that runs use)."""

    def __init__(self, db: Database, bus: EventBus):
        self.db = db
        self.bus = bus

    # -- reading ---------------------------------------------------------------------------
    def workshops(self) -> list[WorkshopInfo]:
        with self.db.read() as s:
            rows = s.execute(
                select(orm.Workshop, func.count(orm.Step.id))
                .outerjoin(orm.Step)
                .where(orm.Workshop.frozen_for_run.is_(False))
                .group_by(orm.Workshop.id)
                .order_by(orm.Workshop.is_demo, orm.Workshop.title)
            ).all()
            return [workshop_info(ws, self.db.folder, n) for ws, n in rows]

    def workshop(self, workshop_id: int) -> WorkshopInfo:
        with self.db.read() as s:
            return self._info(s, self._get(s, workshop_id))

    def find(self, name: str) -> WorkshopInfo:
        """A library workshop by id or title (case-insensitive); NotFound if none or ambiguous."""
        items = self.workshops()
        if name.isdigit():
            items_by_id = [w for w in items if w.id == int(name)]
            if items_by_id:
                return items_by_id[0]
        matches = [w for w in items if w.title.casefold() == name.strip().casefold()]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise NotFound(f"More than one workshop is called '{name}'; use its number instead.")
        raise NotFound(f"There is no workshop called '{name}'.")

    def steps(self, workshop_id: int) -> list[StepInfo]:
        with self.db.read() as s:
            ws = self._get(s, workshop_id)
            return [step_info(step, self.db.folder) for step in ws.steps]

    def step(self, step_id: int) -> StepInfo:
        with self.db.read() as s:
            return step_info(self._get_step(s, step_id), self.db.folder)

    def resources(self, workshop_id: int) -> list[ResourceInfo]:
        with self.db.read() as s:
            return [resource_info(r) for r in self._get(s, workshop_id).resources]

    # -- workshops ---------------------------------------------------------------------------
    def create_workshop(
        self, title: str, *, description: str = "", facilitator_notes: str = "", is_demo=False
    ) -> WorkshopInfo:
        title = clean(title, what="A workshop title", limit=TITLE_MAX, single_line=True)
        uid = uuid.uuid4().hex
        media_dir = f"{MEDIA_ROOT}/{uid}"
        (self.db.folder / media_dir).mkdir(parents=True, exist_ok=True)
        with self.db.write() as s:
            ws = orm.Workshop(
                uid=uid,
                title=title,
                description=description,
                facilitator_notes=facilitator_notes,
                media_dir=media_dir,
                is_demo=is_demo,
            )
            s.add(ws)
            s.flush()
            info = self._info(s, ws)
        return self._changed(info)

    def update_workshop(self, workshop_id: int, **fields) -> WorkshopInfo:
        allowed = {"title", "description", "facilitator_notes"}
        unknown = set(fields) - allowed
        if unknown:
            raise InvalidInput(f"A workshop has no field {sorted(unknown)[0]}.")
        if "title" in fields:
            fields["title"] = clean(
                fields["title"], what="A workshop title", limit=TITLE_MAX, single_line=True
            )
        with self.db.write() as s:
            ws = self._get(s, workshop_id)
            for name, value in fields.items():
                setattr(ws, name, value)
            s.flush()
            info = self._info(s, ws)
        return self._changed(info)

    def delete_workshop(self, workshop_id: int) -> WorkshopInfo:
        """Delete a plan. Past runs keep their own frozen copy (and its media) untouched."""
        with self.db.write() as s:
            ws = self._get(s, workshop_id)
            info = self._info(s, ws)
            shared = s.scalar(
                select(func.count(orm.Workshop.id)).where(
                    orm.Workshop.media_dir == ws.media_dir, orm.Workshop.id != ws.id
                )
            )
            s.delete(ws)
        if not shared:
            shutil.rmtree(info.media_dir, ignore_errors=True)
        self.bus.publish(Event(events.WORKSHOP_DELETED, None, info))
        return info

    def add_media(self, workshop_id: int, source: Path) -> str:
        """Copy a picture or video into the workshop's media folder; returns its relative name."""
        source = Path(source)
        if not source.is_file():
            raise InvalidInput(f"File not found: {source}")
        folder = self.workshop(workshop_id).media_dir
        folder.mkdir(parents=True, exist_ok=True)
        name = source.name
        target = folder / name
        n = 2
        while target.exists() and not _same_file(target, source):
            target = folder / f"{source.stem}-{n}{source.suffix}"
            n += 1
        if not target.exists():
            shutil.copy2(source, target)
        return target.name

    # -- steps -------------------------------------------------------------------------------
    def add_step(
        self, workshop_id: int, kind: str, *, position: int | None = None, **fields
    ) -> StepInfo:
        """A new step of ``kind`` at ``position`` (the end by default)."""
        settings = validate_settings(kind, fields.pop("settings", {}))
        zones = fields.pop("zones", [])
        with self.db.write() as s:
            ws = self._get(s, workshop_id)
            count = len(ws.steps)
            position = count if position is None else max(0, min(position, count))
            step = orm.Step(kind=kind, settings=settings, position=position)
            self._apply_fields(step, fields)
            ws.steps.insert(position, step)
            self._renumber(ws.steps)
            if zones:
                self._set_zones(step, zones)
            s.flush()
            info = step_info(step, self.db.folder)
            self._touch(ws)
            winfo = self._info(s, ws)
        self._changed(winfo)
        return info

    def update_step(self, step_id: int, **fields) -> StepInfo:
        """Change a step's title, prompt, notes, timer, settings (merged) or zones."""
        with self.db.write() as s:
            step = self._get_step(s, step_id)
            if "settings" in fields:
                merged = {**(step.settings or {}), **(fields.pop("settings") or {})}
                step.settings = validate_settings(step.kind, merged)
            if "zones" in fields:
                self._set_zones(step, fields.pop("zones"))
            self._apply_fields(step, fields)
            s.flush()
            s.refresh(step)
            info = step_info(step, self.db.folder)
            self._touch(step.workshop)
            winfo = self._info(s, step.workshop)
        self._changed(winfo)
        return info

    def move_step(self, step_id: int, position: int) -> StepInfo:
        with self.db.write() as s:
            step = self._get_step(s, step_id)
            ws = step.workshop
            ws.steps.remove(step)
            position = max(0, min(position, len(ws.steps)))
            ws.steps.insert(position, step)
            self._renumber(ws.steps)
            s.flush()
            info = step_info(step, self.db.folder)
            self._touch(ws)
            winfo = self._info(s, ws)
        self._changed(winfo)
        return info

    def duplicate_step(self, step_id: int) -> StepInfo:
        original = self.step(step_id)
        return self.add_step(
            original.workshop_id,
            original.kind,
            position=original.position + 1,
            title=original.title,
            prompt=original.prompt,
            facilitator_notes=original.facilitator_notes,
            timer_seconds=original.timer_seconds,
            settings=original.settings,
            zones=[z.label for z in original.zones],
        )

    def delete_step(self, step_id: int) -> StepInfo:
        with self.db.write() as s:
            step = self._get_step(s, step_id)
            info = step_info(step, self.db.folder)
            ws = step.workshop
            ws.steps.remove(step)
            self._renumber(ws.steps)
            self._touch(ws)
            s.flush()
            winfo = self._info(s, ws)
        self._changed(winfo)
        return info

    # -- resources -----------------------------------------------------------------------------
    def add_resource(
        self, workshop_id: int, title: str, *, url=None, file=None, text=""
    ) -> ResourceInfo:
        title = clean(title, what="A resource title", limit=TITLE_MAX, single_line=True)
        with self.db.write() as s:
            ws = self._get(s, workshop_id)
            res = orm.Resource(title=title, url=url or None, file=file or None, text=text or "")
            ws.resources.append(res)
            self._renumber(ws.resources)
            self._touch(ws)
            s.flush()
            info = resource_info(res)
            winfo = self._info(s, ws)
        self._changed(winfo)
        return info

    def update_resource(self, resource_id: int, **fields) -> ResourceInfo:
        with self.db.write() as s:
            res = fetch(s, orm.Resource, resource_id, "That resource no longer exists.")
            for name in ("title", "url", "file", "text"):
                if name in fields:
                    value = fields[name]
                    if name == "title":
                        value = clean(value, what="A resource title", limit=TITLE_MAX)
                    setattr(res, name, value if value or name == "text" else None)
            self._touch(res.workshop)
            s.flush()
            info = resource_info(res)
            winfo = self._info(s, res.workshop)
        self._changed(winfo)
        return info

    def delete_resource(self, resource_id: int) -> None:
        with self.db.write() as s:
            res = s.get(orm.Resource, resource_id)
            if res is None:
                return
            ws = res.workshop
            ws.resources.remove(res)
            self._renumber(ws.resources)
            self._touch(ws)
            s.flush()
            winfo = self._info(s, ws)
        self._changed(winfo)

    # -- helpers -------------------------------------------------------------------------------
    def _info(self, s, ws: orm.Workshop) -> WorkshopInfo:
        return workshop_info(ws, self.db.folder, len(ws.steps))

    def _changed(self, info: WorkshopInfo) -> WorkshopInfo:
        self.bus.publish(Event(events.WORKSHOP_CHANGED, None, info))
        return info

    @staticmethod
    def _get(s, workshop_id: int) -> orm.Workshop:
        return fetch(s, orm.Workshop, workshop_id, "That workshop no longer exists.")

    @staticmethod
    def _get_step(s, step_id: int) -> orm.Step:
        return fetch(s, orm.Step, step_id, "That step no longer exists.")

    @staticmethod
    def _touch(ws: orm.Workshop) -> None:
        ws.updated_at = orm.now()

    @staticmethod
    def _renumber(items) -> None:
        for i, item in enumerate(items):
            item.position = i

    @staticmethod
    def _apply_fields(step: orm.Step, fields: dict) -> None:
        for name, value in fields.items():
            if name == "title":
                value = clean(value, what="A step title", limit=TITLE_MAX, single_line=True)
            elif name in ("prompt", "facilitator_notes"):
                value = (value or "").strip()
            elif name == "timer_seconds":
                if value in (None, "", 0):
                    value = None
                elif not isinstance(value, int) or not 0 < value <= 24 * 3600:
                    raise InvalidInput("A timer is a whole number of seconds, up to a day.")
            else:
                raise InvalidInput(f"A step has no field {name}.")
            setattr(step, name, value)

    @staticmethod
    def _set_zones(step: orm.Step, labels) -> None:
        if labels and not kinds.get(step.kind).has_zones:
            raise InvalidInput(f"A {step.kind} step has no zones.")
        labels = [
            clean(label, what="A zone label", limit=120, single_line=True) for label in labels
        ]
        existing = {z.label: z for z in step.zones}
        step.zones = [existing.get(label) or orm.Zone(label=label) for label in labels]
        for i, zone in enumerate(step.zones):
            zone.position = i


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False
