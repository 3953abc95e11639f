"""Edits waiting to be saved: typing is gathered until it pauses (or the facilitator moves on),
then saved through the Library service and recorded as one undo step."""

from __future__ import annotations

from PySide6.QtCore import QObject

from facilitator.model.errors import ModelError

from .editor_commands import UpdateResource, UpdateStep, UpdateWorkshop, resource_fields
from .widgets import Debouncer

SAVE_DELAY_MS = 500
LABELS = {
    "title": "title",
    "prompt": "text",
    "facilitator_notes": "notes",
    "timer_seconds": "countdown",
    "zones": "zones",
    "description": "description",
}


def _merge(into: dict, fields: dict) -> None:
    for key, value in fields.items():
        if key == "settings":
            into.setdefault("settings", {}).update(value)
        else:
            into[key] = value


def _keys(fields: dict) -> set[str]:
    """Which fields an edit touches (settings by name)."""
    keys = {key for key in fields if key != "settings"}
    return keys | {f"settings.{name}" for name in fields.get("settings", {})}


def _before_step(step, after: dict) -> dict:
    before = {}
    for key, value in after.items():
        if key == "settings":
            before["settings"] = {name: step.settings.get(name) for name in value}
        elif key == "zones":
            before["zones"] = [z.label for z in step.zones]
        else:
            before[key] = getattr(step, key)
    return before


def _what(after: dict) -> str:
    keys = list(after.get("settings", {})) + [k for k in after if k != "settings"]
    return ", ".join(LABELS.get(k, k.replace("_", " ")) for k in keys)


class PendingEdits(QObject):
    """``edit(target, fields)`` where target is ("step", id), ("workshop", id) or
    ("resource", id). The editor gives the library, the undo stack and what to redraw."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.target: tuple[str, int] | None = None
        self.fields: dict = {}
        self.debouncer = Debouncer(self._save, SAVE_DELAY_MS, self)

    @property
    def busy(self) -> bool:
        return self.debouncer.pending

    def edit(self, target: tuple[str, int], fields: dict, *, now: bool = False) -> None:
        if target[1] is None:
            return
        if self.target is not None and (
            self.target != target or _keys(self.fields) != _keys(fields)
        ):
            self.flush()  # another thing or another field: its own undo step
        self.target = target
        _merge(self.fields, fields)
        if now:
            self.debouncer.cancel()
            self._save()
        else:
            self.debouncer.poke()

    def flush(self) -> None:
        self.debouncer.flush()

    def _save(self) -> None:
        target, after = self.target, self.fields
        self.target, self.fields = None, {}
        if target is None or not after:
            return
        try:
            command = getattr(self, f"_save_{target[0]}")(target[1], after)
        except ModelError as error:
            self.editor.show_problem(error.message)
            return
        if command is not None:
            self.editor.undo_stack.push(command)
        self.editor.after_save(target)

    def _save_step(self, step_id: int, after: dict):
        library = self.editor.library
        current = self.editor.ids.current("step", step_id)
        before = _before_step(library.step(current), after)
        if before == after:
            return None
        library.update_step(current, **after)
        return UpdateStep(self.editor, current, before, after, f"Edit step {_what(after)}")

    def _save_workshop(self, workshop_id: int, after: dict):
        library = self.editor.library
        ws = library.workshop(workshop_id)
        before = {key: getattr(ws, key) for key in after}
        if before == after:
            return None
        library.update_workshop(workshop_id, **after)
        return UpdateWorkshop(self.editor, workshop_id, before, after, f"Edit {_what(after)}")

    def _save_resource(self, resource_id: int, after: dict):
        library = self.editor.library
        current = self.editor.ids.current("resource", resource_id)
        res = next(r for r in library.resources(self.editor.workshop_id) if r.id == current)
        old = {"title": res.title, **resource_fields(res)}
        before = {key: old[key] for key in after}
        if before == after:
            return None
        library.update_resource(current, **after)
        return UpdateResource(self.editor, current, before, after)
