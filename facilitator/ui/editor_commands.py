"""Undoable edits of a workshop (QUndoStack commands). Every command changes the model through
the Library service, so undo really restores the database, not just the widgets.

Deleting and re-adding a step gives it a new id; commands keep the id they first saw and ask
``Ids`` for the current one, so a long undo history stays valid across deletes and re-adds."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from facilitator.model.library import Library
from facilitator.model.records import ResourceInfo, StepInfo


class Ids:
    """Original id -> current id, per kind of thing ("step", "resource")."""

    def __init__(self) -> None:
        self._map: dict[tuple[str, int], int] = {}

    def current(self, kind: str, original: int) -> int:
        seen = set()
        while (kind, original) in self._map and original not in seen:
            seen.add(original)
            original = self._map[(kind, original)]
        return original

    def moved(self, kind: str, original: int, new: int) -> None:
        if original != new:
            self._map[(kind, original)] = new


class Host(Protocol):
    """What commands need from the editor."""

    library: Library
    ids: Ids

    def after_step_command(self, step_id: int | None, reload: bool) -> None: ...

    def after_workshop_command(self) -> None: ...


def step_fields(step: StepInfo) -> dict:
    """The fields ``Library.add_step`` takes to recreate ``step``."""
    return {
        "title": step.title,
        "prompt": step.prompt,
        "facilitator_notes": step.facilitator_notes,
        "timer_seconds": step.timer_seconds,
        "settings": dict(step.settings),
        "zones": [z.label for z in step.zones],
    }


class UpdateStep(QUndoCommand):
    """A change already applied to a step (the editor saves first, then pushes)."""

    def __init__(self, host: Host, step_id: int, before: dict, after: dict, text: str):
        super().__init__(text)
        self.host, self.step_id, self.before, self.after = host, step_id, before, after
        self.applied = True

    def _apply(self, fields: dict) -> None:
        step_id = self.host.ids.current("step", self.step_id)
        self.host.library.update_step(step_id, **fields)
        self.host.after_step_command(step_id, True)

    def redo(self) -> None:
        if self.applied:  # the first redo happens inside push(): already saved
            self.applied = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class AddStep(QUndoCommand):
    """A new step (or a copy of one) at ``position``."""

    def __init__(self, host: Host, workshop_id: int, kind: str, position: int, fields: dict, text):
        super().__init__(text)
        self.host, self.workshop_id, self.kind = host, workshop_id, kind
        self.position, self.fields = position, fields
        self.step_id: int | None = None

    def redo(self) -> None:
        info = self.host.library.add_step(
            self.workshop_id, self.kind, position=self.position, **self.fields
        )
        if self.step_id is None:
            self.step_id = info.id
        else:
            self.host.ids.moved("step", self.step_id, info.id)
        self.host.after_step_command(info.id, True)

    def undo(self) -> None:
        self.host.library.delete_step(self.host.ids.current("step", self.step_id))
        self.host.after_step_command(None, True)


class DeleteStep(QUndoCommand):
    def __init__(self, host: Host, step: StepInfo):
        super().__init__(f"Delete step \u201c{step.title}\u201d")
        self.host, self.step = host, step

    def redo(self) -> None:
        self.host.library.delete_step(self.host.ids.current("step", self.step.id))
        self.host.after_step_command(None, True)

    def undo(self) -> None:
        step = self.step
        info = self.host.library.add_step(
            step.workshop_id, step.kind, position=step.position, **step_fields(step)
        )
        self.host.ids.moved("step", step.id, info.id)
        self.host.after_step_command(info.id, True)


class MoveStep(QUndoCommand):
    def __init__(self, host: Host, step_id: int, old: int, new: int, title: str):
        super().__init__(f"Move step \u201c{title}\u201d")
        self.host, self.step_id, self.old, self.new = host, step_id, old, new

    def _move(self, position: int) -> None:
        step_id = self.host.ids.current("step", self.step_id)
        self.host.library.move_step(step_id, position)
        self.host.after_step_command(step_id, False)

    def redo(self) -> None:
        self._move(self.new)

    def undo(self) -> None:
        self._move(self.old)


class UpdateWorkshop(QUndoCommand):
    """A change already applied to the workshop's title, description or notes."""

    def __init__(self, host: Host, workshop_id: int, before: dict, after: dict, text: str):
        super().__init__(text)
        self.host, self.workshop_id, self.before, self.after = host, workshop_id, before, after
        self.applied = True

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            return
        self.host.library.update_workshop(self.workshop_id, **self.after)
        self.host.after_workshop_command()

    def undo(self) -> None:
        self.host.library.update_workshop(self.workshop_id, **self.before)
        self.host.after_workshop_command()


def resource_fields(res: ResourceInfo) -> dict:
    return {"url": res.url, "file": res.file, "text": res.text}


class AddResource(QUndoCommand):
    def __init__(self, host: Host, workshop_id: int, title: str, fields: dict):
        super().__init__(f"Add resource \u201c{title}\u201d")
        self.host, self.workshop_id, self.title, self.fields = host, workshop_id, title, fields
        self.resource_id: int | None = None

    def redo(self) -> None:
        info = self.host.library.add_resource(self.workshop_id, self.title, **self.fields)
        if self.resource_id is None:
            self.resource_id = info.id
        else:
            self.host.ids.moved("resource", self.resource_id, info.id)
        self.host.after_workshop_command()

    def undo(self) -> None:
        self.host.library.delete_resource(self.host.ids.current("resource", self.resource_id))
        self.host.after_workshop_command()


class DeleteResource(QUndoCommand):
    """Deleting is plain; undoing puts the resource back at its place in the list (the
    resources after it are re-added behind it, keeping their order)."""

    def __init__(self, host: Host, workshop_id: int, resource: ResourceInfo):
        super().__init__(f"Delete resource \u201c{resource.title}\u201d")
        self.host, self.workshop_id, self.resource = host, workshop_id, resource

    def redo(self) -> None:
        self.host.library.delete_resource(self.host.ids.current("resource", self.resource.id))
        self.host.after_workshop_command()

    def undo(self) -> None:
        library, ids = self.host.library, self.host.ids
        place = self.resource.position
        later = [r for r in library.resources(self.workshop_id) if r.position >= place]
        for res in later:
            library.delete_resource(res.id)
        for res in [self.resource, *later]:
            info = library.add_resource(self.workshop_id, res.title, **resource_fields(res))
            ids.moved("resource", ids.current("resource", res.id), info.id)
        self.host.after_workshop_command()


class UpdateResource(QUndoCommand):
    """A change already applied to a resource's title, link or text."""

    def __init__(self, host: Host, resource_id: int, before: dict, after: dict):
        super().__init__("Edit resource")
        self.host, self.resource_id, self.before, self.after = host, resource_id, before, after
        self.applied = True

    def _apply(self, fields: dict) -> None:
        resource_id = self.host.ids.current("resource", self.resource_id)
        self.host.library.update_resource(resource_id, **fields)
        self.host.after_workshop_command()

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
