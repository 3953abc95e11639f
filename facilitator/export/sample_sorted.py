"""A zoned board filled by a 150-person room and then sorted live by the facilitator, for the
example pages, the board-drawing tests and the export benchmark: notes in their zones, some
never sorted (no zone), some dragged into the other zone, some dropped by hand anywhere on the
board, a few groups per zone, votes, and emoji in notes, names and a group's name. Everything
goes through the model's real services, as from phones and the console."""

from __future__ import annotations

import random

from facilitator.model.board import NoteRequest
from facilitator.model.palette import NOTE_COLORS

PLATFORMS = [
    "Appointment demand we cannot meet",
    "Staff burnout and sickness 😩",
    "Complaints about phone queues at 8am",
    "Partners retiring early",
    "Budget cuts next year",
    "Locum costs eating the budget",
    "Estates: no room for new staff",
    "CQC rating at risk",
    "A&E attendances from our list going up",
    "Receptionists getting abuse",
    "Nobody wants to be a partner",
    "Waiting lists after the pandemic",
    "Prescribing overspend",
    "Digital front door nobody uses",
    "Losing nurses to the hospital",
    "Too many meetings, no time to change anything",
    "Patients can't get through → go elsewhere",
    "Contract changes imposed from above",
    "Data we can't trust",
    "Morale at rock bottom 👎",
]
AMBITIONS = [
    "A practice people want to work in",
    "Continuity of care for the people who need it most",
    "Time to think and improve, not just cope",
    "Being known for reducing inequalities locally",
    "Patients as partners in designing services",
    "Every practice in the PCN sharing what works",
    "Proud of our QOF and proud of our patients ❤️",
    "A team that learns together 🎉",
    "Care closer to home",
    "Same-day access that really works",
    "Fewer forms, more conversations",
    "Young GPs queuing to join us",
    "Social prescribing in every practice",
    "Trusted by our community 👍",
    "Prevention first, not firefighting",
    "Joined-up care with the council",
    "Staff who feel listened to ✓",
    "Innovation from the front line 🚀",
    "A voice in the ICS",
    "Healthier neighbourhoods in ten years",
]
GROUPS = {
    "platforms": ["Workforce", "Access", "Money 💷", "Imposed from above"],
    "ambitions": ["A great place to work", "Patients first 😀", "Working together"],
}


def fill_sorted_board(
    model, run_id: int, step, *, notes: int = 150, seed: int = 13, people=None
) -> list:
    """Fill a board with two zones ("... platforms", "... ambitions") the way a room does,
    then sort it as a facilitator does live; returns the notes as stored. A note each from
    ``people`` (participants of the run) or, by default, from as many people joining now."""
    rng = random.Random(seed)
    people = list(people or [model.runs.join(run_id)[0] for _ in range(notes)])[:notes]
    model.runs.rename(people[0].id, "Priya 🌟")
    model.runs.rename(people[1].id, "Dr Adé ✓")
    zones = {_key(z.label): z.id for z in step.zones}
    stored = []
    for i, person in enumerate(people):
        key = "platforms" if i % 2 else "ambitions"
        said = PLATFORMS if key == "platforms" else AMBITIONS
        text = said[(i // 2) % len(said)]
        if i >= 2 * len(said):  # the same thought, written by someone else
            text = rng.choice((text, text.lower(), "+1 " + text, text + " 👍"))
        request = NoteRequest(
            run_id, step.id, text, participant_id=person.id,
            color=rng.choice(list(NOTE_COLORS)[:5]), zone_id=zones.get(key),
            client_id=f"sorted-{i}",
        )  # fmt: skip
        stored.append((key, model.board.add_note(request).note))
    _sort(model, run_id, step, stored, zones, rng)
    for person in rng.sample(people, min(len(people), 70)):
        for _, note in rng.sample(stored, 3):
            model.board.vote(note.id, person.id)
    return model.board.notes(run_id, step.id)


def _key(label: str) -> str:
    return "platforms" if "platform" in label.lower() else "ambitions"


def _sort(model, run_id, step, stored, zones, rng: random.Random) -> None:
    """Groups in each zone; then one note in ten taken out of its zone, one in twenty dragged
    into the other zone, and one in five dropped by hand anywhere on the board."""
    for key in ("platforms", "ambitions"):
        mine = [note for k, note in stored if k == key]
        start = 0
        for name in GROUPS[key]:
            size = rng.randint(6, 14)
            ids = [n.id for n in mine[start : start + size]]
            model.board.create_group(run_id, step.id, name, ids)
            start += size
    other = {zones["platforms"]: zones["ambitions"], zones["ambitions"]: zones["platforms"]}
    for i, (_, note) in enumerate(stored):
        x, y = rng.uniform(0, 0.85), rng.uniform(0.05, 0.8)
        if i % 10 == 3:
            model.board.move_note(note.id, x, y, zone_id=None)
        elif i % 20 == 7:  # dropped into the other zone, its place still on this side
            model.board.move_note(note.id, x, y, zone_id=other[note.zone_id])
        elif i % 5 == 1:
            model.board.move_note(note.id, x, y)


THEMES = {
    "Authenticity": ("one of them", "authentic", "lived it", "believed", "heart", "human"),
    "A clear ask": ("ask", "clear", "wanted", "plan", "decide", "commit"),
    "Story and emotion 💬": ("story", "emotion", "personal", "feel", "daughters", "hope"),
    "Timing": ("moment", "timing", "waited", "short"),
    "Humour": ("humour",),
}


def group_by_theme(model, run_id: int, step, notes) -> None:
    """Group a board's notes by the words in them, as a facilitator groups live: a note
    goes into the first theme one of whose words it contains; the rest stay ungrouped."""
    members: dict[str, list[int]] = {name: [] for name in THEMES}
    for note in notes:
        text = note.text.lower()
        theme = next((n for n, words in THEMES.items() if any(w in text for w in words)), None)
        if theme:
            members[theme].append(note.id)
    for name, ids in members.items():
        if ids:
            model.board.create_group(run_id, step.id, name, ids)
