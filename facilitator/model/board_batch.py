"""Board operations on many notes at once, as the facilitator does them on the console: group,
move, colour, hide, delete and restore a selection. Each is one transaction and one
``notes_changed`` event for the whole selection, and returns a BoardChange saying what it changed
(before and after). Undoing one is ``revert(change)``: the inverse operation, itself returning the
change that reverting once more (redo) takes back. A deleted note comes back with its votes (the
vote rows, so budgets and "my votes" stay right), its group and its place.

A group that an operation leaves without notes is removed by that operation (and put back by its
revert)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from sqlalchemy import func, select

from . import events, kinds, orm
from .authors import note_author, stored_author
from .board_geometry import DEEPEST
from .db import Database
from .errors import InvalidInput, NotFound
from .events import Event, EventBus
from .palette import normalise_color
from .records import BoardChange, GroupInfo, NoteInfo, RemovedNote, group_info, note_info
from .text import clean

# x, y in board units (board_geometry: x in 0..1 of the board's width, y in board heights from
# the top, 0..1 the first screenful; a board of many notes grows downward), and the zone (None:
# no zone)
Place = tuple[float | None, float | None, int | None]
FIELDS = ("text", "color", "x", "y", "zone_id", "group_id", "hidden")  # what operations change
GONE = "Those notes are no longer on the board."


def clip(value: float | None, most: float = 1.0) -> float | None:
    """A board coordinate kept within 0..``most`` (None stays None: the board places it)."""
    if value is None:
        return None
    if value != value:  # NaN
        raise InvalidInput("A position must be a number.")
    return max(0.0, min(most, float(value)))


def clip_y(value: float | None) -> float | None:
    return clip(value, DEEPEST)


def group_name(name: str) -> str:
    return clean(name, what="A group name", limit=120, single_line=True) if name else ""


class _Edit:
    """One operation inside one transaction: the notes it touches, each loaded once and kept as
    it was, and the groups it makes, changes or removes; ``change()`` builds the record."""

    def __init__(self, s, board: tuple[int, int] | None = None):
        self.s = s
        self.board = board
        self.rows: dict[int, orm.Note] = {}
        self.before: dict[int, NoteInfo] = {}
        self.names: dict[int, str | None] = {}
        self.added: list[orm.Note] = []
        self.removed: list[RemovedNote] = []
        self.group_rows: dict[int, orm.Group] = {}
        self.groups_before: dict[int, GroupInfo] = {}
        self.groups_added: list[orm.Group] = []
        self.groups_removed: list[GroupInfo] = []
        self.left: set[int] = set()  # groups some note left: removed if now empty
        self._zones: set[int] | None = None

    # -- notes ---------------------------------------------------------------------------------
    def load(self, note_ids: Iterable[int]) -> list[orm.Note]:
        """The notes of these ids still on the board (in the order given), each kept as it was
        the first time this operation saw it."""
        wanted = list(dict.fromkeys(note_ids))
        new = [i for i in wanted if i not in self.rows]
        if new:
            rows = self.s.execute(
                select(orm.Note, orm.Participant.name)
                .outerjoin(orm.Participant, orm.Note.participant_id == orm.Participant.id)
                .where(orm.Note.id.in_(new))
                .order_by(orm.Note.id)
            )
            for note, name in rows:
                self._on_board(note.run_id, note.step_id)
                self.rows[note.id] = note
                self.names[note.id] = name
                self.before[note.id] = note_info(note, note_author(note, name))
        return [self.rows[i] for i in wanted if i in self.rows]

    def require(self, note_ids: Iterable[int]) -> list[orm.Note]:
        notes = self.load(note_ids)
        if not notes:
            raise NotFound(GONE)
        return notes

    def set_group(self, note: orm.Note, group_id: int | None) -> None:
        if note.group_id is not None and note.group_id != group_id:
            self.left.add(note.group_id)
        note.group_id = group_id

    def place(self, places: Mapping[int, Place] | None) -> None:
        """Put notes at (x, y) in 0..1 and into a zone of the board (None: no zone)."""
        for note in self.load(places or {}):
            x, y, zone_id = places[note.id]
            if zone_id is not None and zone_id not in self.zones():
                raise InvalidInput("That zone is not on this board.")
            note.x, note.y, note.zone_id = clip(x), clip_y(y), zone_id

    def zones(self) -> set[int]:
        if self._zones is None:
            self._zones = set(
                self.s.scalars(select(orm.Zone.id).where(orm.Zone.step_id == self.board[1]))
            )
        return self._zones

    def remove(self, notes: Sequence[orm.Note]) -> None:
        """Take notes off the board, keeping each with its votes (as rows) for ``restore``."""
        voters: dict[int, list[tuple[int, float]]] = {}
        rows = self.s.execute(
            select(orm.Vote.note_id, orm.Vote.participant_id, orm.Vote.created_at)
            .where(orm.Vote.note_id.in_([n.id for n in notes]))
            .order_by(orm.Vote.id)
        )
        for note_id, participant_id, at in rows:
            voters.setdefault(note_id, []).append((participant_id, at))
        for note in notes:
            info = note_info(note, note_author(note, self.names[note.id]))
            self.removed.append(RemovedNote(info, tuple(voters.get(note.id, ()))))
            if note.group_id is not None:
                self.left.add(note.group_id)
            del self.rows[note.id], self.before[note.id]
            self.s.delete(note)
        self.s.flush()  # the votes go with them (ON DELETE CASCADE)

    def restore(self, removed: Sequence[RemovedNote]) -> int:
        """Put removed notes back as they were, with the votes their voters can still give
        (a vote is left out only if its voter has spent the budget again meanwhile); a note whose
        phone has sent it again meanwhile is not put back twice. Returns how many came back."""
        if not removed:
            return 0
        step = self.s.get(orm.Step, self.board[1])
        budget = kinds.get(step.kind).vote_budget(step.settings or {})
        wanted = [r for r in removed if self.s.get(orm.Note, r.note.id) is None]
        taken = set(
            self.s.scalars(
                select(orm.Note.client_id).where(
                    orm.Note.run_id == self.board[0],
                    orm.Note.client_id.in_([r.note.client_id for r in wanted]),
                )
            )
        )
        people = {r.note.participant_id for r in wanted} | {p for r in wanted for p, _ in r.voters}
        names = dict(
            self.s.execute(
                select(orm.Participant.id, orm.Participant.name).where(
                    orm.Participant.id.in_(people - {None})
                )
            ).all()
        )
        used = dict(
            self.s.execute(
                select(orm.Vote.participant_id, func.count(orm.Vote.id))
                .where(orm.Vote.step_id == self.board[1], orm.Vote.participant_id.in_(list(names)))
                .group_by(orm.Vote.participant_id)
            ).all()
        )
        count = 0
        for r in wanted:
            if r.note.client_id in taken:
                continue
            self._put_back(r, names, used, budget)
            count += 1
        return count

    def _put_back(self, r: RemovedNote, names: dict, used: dict, budget: int | None) -> None:
        info = r.note
        person = info.participant_id if info.participant_id in names else None
        group_id = info.group_id if self.group_exists(info.group_id) else None
        zone_id = info.zone_id if info.zone_id is None or info.zone_id in self.zones() else None
        voters = []
        for participant_id, at in r.voters:
            spent = used.get(participant_id, 0)
            if participant_id not in names or (budget and spent >= budget):
                continue
            used[participant_id] = used.get(participant_id, 0) + 1
            voters.append((participant_id, at))
        note = orm.Note(
            id=info.id,
            run_id=info.run_id,
            step_id=info.step_id,
            participant_id=person,
            author_name=stored_author(info.author, person),
            client_id=info.client_id,
            text=info.text,
            color=info.color,
            x=info.x,
            y=info.y,
            group_id=group_id,
            zone_id=zone_id,
            hidden=info.hidden,
            votes=len(voters),
            created_at=info.created_at,
            updated_at=orm.now(),
        )
        self.s.add(note)
        for participant_id, at in voters:
            vote = orm.Vote(note_id=info.id, participant_id=participant_id, step_id=info.step_id)
            vote.created_at = at
            self.s.add(vote)
        self.added.append(note)
        self.names[info.id] = names.get(person)

    # -- groups --------------------------------------------------------------------------------
    def group(self, group_id: int) -> orm.Group:
        """A group of this board, kept as it was."""
        g = self.group_rows.get(group_id) or self.s.get(orm.Group, group_id)
        if g is None or (self.board is not None and (g.run_id, g.step_id) != self.board):
            raise InvalidInput("That group is not on this board.")
        if g.id not in self.group_rows:
            self.group_rows[g.id] = g
            self.groups_before[g.id] = group_info(g)
        return g

    def group_exists(self, group_id: int | None) -> bool:
        return group_id is not None and self.s.get(orm.Group, group_id) is not None

    def new_group(self, name: str, x=None, y=None, *, like: GroupInfo | None = None) -> orm.Group:
        """A new group on the board (``like``: one removed earlier, back with its id)."""
        run_id, step_id = self.board
        g = orm.Group(run_id=run_id, step_id=step_id, name=name, x=clip(x), y=clip_y(y))
        if like is not None:
            g.id, g.name, g.x, g.y = like.id, like.name, like.x, like.y
        self.s.add(g)
        self.s.flush()
        self.group_rows[g.id] = g
        self.groups_added.append(g)
        return g

    def gather(self, name: str, notes) -> orm.Group:
        """A new group named ``name`` holding ``notes`` (taken out of any other)."""
        group = self.new_group(name)
        for note in notes:
            self.set_group(note, group.id)
        return group

    def remove_group(self, g: orm.Group) -> None:
        """Remove a group; notes still in it stay on the board, ungrouped."""
        members = self.s.scalars(select(orm.Note.id).where(orm.Note.group_id == g.id)).all()
        for note in self.load(members):
            note.group_id = None
        self.s.flush()
        self.left.discard(g.id)
        if g in self.groups_added:
            self.groups_added.remove(g)  # made and removed within this operation: nothing
        else:
            self.groups_removed.append(self.groups_before.pop(g.id, None) or group_info(g))
        self.group_rows.pop(g.id, None)
        self.s.delete(g)

    def _prune(self) -> None:
        """Remove the groups this operation left without notes."""
        if not self.left:
            return
        self.s.flush()
        still = set(
            self.s.scalars(
                select(orm.Note.group_id).where(orm.Note.group_id.in_(self.left)).distinct()
            )
        )
        for group_id in sorted(self.left - still):
            g = self.s.get(orm.Group, group_id)
            if g is not None:
                self.group(group_id)
                self.remove_group(g)

    # -- the record ------------------------------------------------------------------------------
    def _on_board(self, run_id: int, step_id: int) -> None:
        if self.board is None:
            self.board = (run_id, step_id)
        elif self.board != (run_id, step_id):
            raise InvalidInput("Those notes are on different boards.")

    def change(self) -> BoardChange:
        self._prune()
        self.s.flush()
        now = orm.now()
        before, after = [], []
        for note_id, note in self.rows.items():
            was = self.before[note_id]
            if any(getattr(was, f) != getattr(note, f) for f in FIELDS):
                note.updated_at = now
                before.append(was)
                after.append(note_info(note, note_author(note, self.names[note_id])))
        groups_before, groups = [], []
        for group_id, was in self.groups_before.items():
            g = self.group_rows.get(group_id)
            if g is not None and (was.name, was.x, was.y) != (g.name, g.x, g.y):
                groups_before.append(was)
                groups.append(group_info(g))
        run_id, step_id = self.board
        return BoardChange(
            run_id,
            step_id,
            before=tuple(before),
            notes=tuple(after),
            added=tuple(note_info(n, note_author(n, self.names[n.id])) for n in self.added),
            removed=tuple(self.removed),
            groups_before=tuple(groups_before),
            groups=tuple(groups),
            groups_added=tuple(group_info(g) for g in self.groups_added),
            groups_removed=tuple(self.groups_removed),
        )


class BatchOperations:
    """The board's operations on a selection (mixed into ``Board``)."""

    db: Database
    bus: EventBus

    def make_group(
        self, note_ids: Sequence[int], name: str = "", places: Mapping[int, Place] | None = None
    ) -> BoardChange:
        """A new group holding these notes (taken out of any other), and optionally where they
        now sit (``places``: note id -> (x, y, zone)), as one operation."""
        name = group_name(name)

        def apply(edit: _Edit) -> None:
            edit.gather(name, edit.require(note_ids))
            edit.place(places)

        return self._operate(apply)

    def group_notes(
        self,
        note_ids: Sequence[int],
        group_id: int | None,
        places: Mapping[int, Place] | None = None,
    ) -> BoardChange:
        """Put these notes into a group of their board (None: out of any group), optionally
        placing them, as one operation."""

        def apply(edit: _Edit) -> None:
            notes = edit.require(note_ids)
            if group_id is not None:
                edit.group(group_id)
            for note in notes:
                edit.set_group(note, group_id)
            edit.place(places)

        return self._operate(apply)

    def sort_into_groups(
        self,
        new: Sequence[tuple[str, Sequence[int]]] = (),
        joins: Mapping[int, Sequence[int]] | None = None,
        places: Mapping[int, Place] | None = None,
    ) -> BoardChange:
        """Several groups at once, as one operation (how an accepted "Suggest groups" lands):
        a new group per (name, note ids) of ``new``, and notes into existing groups of the
        board (``joins``: group id -> note ids), optionally placed. Notes gone meanwhile are
        left out, and a new group left without notes is not made; NotFound if no note is left."""
        wanted = [(group_name(name), list(ids)) for name, ids in new]
        joins = {group_id: list(ids) for group_id, ids in (joins or {}).items()}
        every = [i for _, ids in wanted for i in ids] + [i for ids in joins.values() for i in ids]

        def apply(edit: _Edit) -> None:
            edit.require(every)
            for group_id, ids in joins.items():
                if not edit.group_exists(group_id):
                    continue  # removed meanwhile: its notes stay where they are
                edit.group(group_id)
                for note in edit.load(ids):
                    edit.set_group(note, group_id)
            for name, ids in wanted:
                notes = edit.load(ids)
                if notes:
                    edit.gather(name, notes)
            edit.place(places)

        return self._operate(apply)

    def move_notes(
        self,
        places: Mapping[int, Place],
        groups: Mapping[int, tuple[float | None, float | None]] | None = None,
    ) -> BoardChange:
        """Put notes at new places (note id -> (x, y, zone)), and groups' own places (group id
        -> (x, y)) if given, as one operation."""

        def apply(edit: _Edit) -> None:
            edit.require(places)
            edit.place(places)
            for group_id, (x, y) in (groups or {}).items():
                g = edit.group(group_id)
                g.x, g.y = clip(x), clip_y(y)

        return self._operate(apply)

    def color_notes(self, note_ids: Sequence[int], color: str) -> BoardChange:
        color = normalise_color(color)

        def apply(edit: _Edit) -> None:
            for note in edit.require(note_ids):
                note.color = color

        return self._operate(apply)

    def hide_notes(self, note_ids: Sequence[int], hidden: bool) -> BoardChange:
        """Hide notes from the projector and the phones (or show them again)."""

        def apply(edit: _Edit) -> None:
            for note in edit.require(note_ids):
                note.hidden = bool(hidden)

        return self._operate(apply)

    def delete_notes(self, note_ids: Sequence[int]) -> BoardChange:
        """Take notes off the board; the change keeps them with their votes for undo."""
        return self._operate(lambda edit: edit.remove(edit.require(note_ids)))

    def restore_notes(self, removed: Sequence[RemovedNote]) -> BoardChange:
        """Put deleted notes back exactly: place, zone, group, colour, hidden, votes."""
        if not removed:
            raise NotFound(GONE)

        def apply(edit: _Edit) -> None:
            if edit.restore(removed) == 0:
                raise NotFound("Those notes are already back on the board.")

        return self._operate(apply, board=(removed[0].note.run_id, removed[0].note.step_id))

    def revert(self, change: BoardChange) -> BoardChange:
        """The inverse of ``change`` (undo), as one operation; its own change reverts it back
        (redo). Notes or groups gone meanwhile are left out; NotFound if nothing is left."""

        def apply(edit: _Edit) -> None:
            for info in change.groups_removed:
                if not edit.group_exists(info.id):
                    edit.new_group(info.name, like=info)
            found = edit.restore(change.removed)
            notes = {n.id: n for n in edit.load(n.id for n in change.notes)}
            for was, now in zip(change.before, change.notes, strict=True):
                note = notes.get(now.id)
                if note is not None:
                    _put_fields_back(edit, note, was, now)
            for was, now in zip(change.groups_before, change.groups, strict=True):
                if edit.group_exists(now.id):
                    g = edit.group(now.id)
                    g.name, g.x, g.y = was.name, was.x, was.y
            gone = edit.load(n.id for n in change.added)
            if gone:
                edit.remove(gone)
            for info in change.groups_added:
                if edit.group_exists(info.id):
                    edit.remove_group(edit.group(info.id))
            if not (found or notes or gone) and (change.notes or change.added or change.removed):
                raise NotFound(GONE)

        return self._operate(apply, board=(change.run_id, change.step_id))

    def _operate(self, apply: Callable[[_Edit], None], board=None) -> BoardChange:
        with self.db.write() as s:
            edit = _Edit(s, board)
            apply(edit)
            change = edit.change()
        if not change.empty:
            self.bus.publish(Event(events.NOTES_CHANGED, change.run_id, change))
        return change


def _put_fields_back(edit: _Edit, note: orm.Note, was: NoteInfo, now: NoteInfo) -> None:
    """Set back the fields a change changed on a note (its votes are the room's, not ours)."""
    for name in FIELDS:
        old = getattr(was, name)
        if old == getattr(now, name):
            continue
        if name == "group_id":
            edit.set_group(note, old if edit.group_exists(old) else None)
        elif name == "zone_id":
            note.zone_id = old if old is None or old in edit.zones() else None
        else:
            setattr(note, name, old)
