"""A run filled with plausible content, for the example pages in docs/examples and for the
export benchmark: everything goes through the model's real services, as from phones."""

from __future__ import annotations

import random

from facilitator.model import board_geometry
from facilitator.model.board import NoteRequest
from facilitator.model.palette import NOTE_COLORS

SAYINGS = {
    "rita": [
        "She spoke as one of them, not as an official",
        "Told a personal story first, then the facts",
        "Named the injustice plainly: equal pay for equal work",
        "Humour broke the tension in the room",
        "She admitted she was nervous, which made her human",
        "Asked for a show of hands so people committed in public",
        "Used their own words back to them",
        "Made it about their daughters' future",
        "Didn't read from notes",
        "Picked the right moment: after the union man had lost the room",
        "Gave one clear ask",
        "Stood on the same level as the audience",
        "Showed she had something to lose too",
        "Kept it short",
        "Connected a small grievance to a bigger purpose",
        "Her friends backed her up at the key moment",
    ],
    "extrinsic": [
        "QOF points and the money attached",
        "Local enhanced service payments",
        "CQC inspections",
        "Targets in the ICS dashboard",
        "Benchmarking league tables",
        "Contract variations",
        "Protected time paid for by the PCN",
    ],
    "intrinsic": [
        "Pride in giving patients better care",
        "Curiosity: trying something new",
        "Wanting less firefighting and more control",
        "Peer recognition at the locality meeting",
        "A team that learns together",
        "Seeing the difference for one patient",
        "Autonomy to design it our own way",
        "Feeling listened to by commissioners",
    ],
    "platforms": [
        "Appointment demand we cannot meet",
        "Staff burnout and sickness",
        "Complaints about phone queues at 8am",
        "Partners retiring early",
        "Budget cuts next year",
    ],
    "ambitions": [
        "A practice people want to work in",
        "Continuity of care for the people who need it most",
        "Time to think and improve, not just cope",
        "Being known for reducing inequalities locally",
        "Patients as partners in designing services",
        "Every practice in the PCN sharing what works",
    ],
    "comments": [
        "More time for the whiteboard discussions, please.",
        "The film clips were a great way in.",
        "Loved seeing everyone's post-its appear live.",
        "Could we hear from a practice that has done this already?",
        "Shorter introduction next time.",
        "Real examples from our own area.",
        "Having the summary to take back to my team will help.",
    ],
    "other": [
        "Thank you, a really energising afternoon.",
        "The room was too warm after lunch.",
        "I will try the burning ambition framing at our practice meeting.",
        "Good to meet change agents from other PCNs.",
    ],
}


def fill_run(model, run_id: int, *, people: int = 24, seed: int = 7) -> None:
    """Fill a run of "Change Agents - session 1": people join, dot the position picture, add
    notes to every whiteboard (grouped and voted on one), answer the feedback; one note is
    hidden by the facilitator. The run moves through the steps as it goes (a step takes answers
    while it is on the screen) and ends on the first."""
    rng = random.Random(seed)
    participants = [model.runs.join(run_id)[0] for _ in range(people)]
    for position, step in enumerate(model.runs.steps(run_id)):
        model.runs.go_to(run_id, position)
        if step.kind == "position":
            for p in participants:
                x, y = _near_path(rng)
                model.responses.answer(run_id, step.id, p.id, {"x": x, "y": y})
        elif step.kind == "whiteboard":
            _fill_board(model, run_id, step, participants, rng)
        elif step.kind == "feedback":
            _fill_feedback(model, run_id, step, participants, rng)
    model.runs.go_to(run_id, 0)


def _near_path(rng: random.Random) -> tuple[float, float]:
    t = rng.random()
    return min(0.98, max(0.02, 0.15 + 0.6 * t + rng.gauss(0, 0.06))), min(
        0.95, max(0.05, 0.85 - 0.7 * t + rng.gauss(0, 0.06))
    )


def _fill_board(model, run_id, step, participants, rng: random.Random) -> None:
    keys = ("extrinsic", "intrinsic", "platforms", "ambitions")
    plan = [(key, z.id) for z in step.zones for key in keys if key in z.label.lower()] or [
        ("rita", None)
    ]
    notes = []
    for key, zone_id in plan:
        for text in SAYINGS[key]:
            request = NoteRequest(
                run_id, step.id, text, participant_id=rng.choice(participants).id,
                color=rng.choice(list(NOTE_COLORS)[:5]), zone_id=zone_id,
            )  # fmt: skip
            notes.append(model.board.add_note(request).note)
    if plan[0][0] == "rita":
        _group_and_vote(model, run_id, step, notes, participants, rng)
    elif plan[0][0] == "platforms":
        _arrange_by_hand(model, step, notes)


def _arrange_by_hand(model, step, notes) -> None:
    """Drag each note to a place in its zone's band of the board, two a row, not quite in
    line, as a facilitator does on the console (x, y: the note's top left in board units)."""
    bands = {band.zone_id: band for band in board_geometry.bands(step.zones)}
    seen: dict[int, int] = {}
    for note in notes:
        band = bands[note.zone_id]
        k = seen[note.zone_id] = seen.get(note.zone_id, -1) + 1
        left = band.left + 16 + (k % 2) * 240 + (24 if k // 2 % 2 else 0)
        x, y = board_geometry.to_place(left, 108 + (k // 2) * 270)
        model.board.move_note(note.id, x, y)


def _group_and_vote(model, run_id, step, notes, participants, rng: random.Random) -> None:
    themes = {
        "Authenticity": [0, 4, 8, 12],
        "A clear ask": [5, 10, 13],
        "Shared purpose": [2, 7, 14],
    }
    for name, members in themes.items():
        model.board.create_group(run_id, step.id, name, [notes[i].id for i in members])
    model.board.set_hidden(notes[-1].id, True)
    visible = [n for n in notes if n.id != notes[-1].id]
    for p in participants:
        for note in rng.sample(visible, 3):
            model.board.vote(note.id, p.id)


def _fill_feedback(model, run_id, step, participants, rng: random.Random) -> None:
    for i, p in enumerate(participants):
        answers = {}
        for q in step.settings.get("questions", []):
            if q["type"] == "rating":
                answers[q["id"]] = rng.choice([3, 4, 4, 5, 5, 5, 2])
            elif i % 3 == 0:
                said = SAYINGS["other" if q["id"] == "other" else "comments"]
                answers[q["id"]] = said[(i // 3) % len(said)]
        model.responses.answer(run_id, step.id, p.id, {"answers": answers})


# What 150 people in a room write about Rita O'Grady: the sayings above and more, as people
# type them on a phone (short, long, lower case, the odd slip).
ROOM_SAYINGS = SAYINGS["rita"] + [
    "authentic",
    "She was brave",
    "Passion!",
    "Told the truth even when it was uncomfortable",
    "She used a story not statistics",
    "Made eye contact with the whole room",
    "She was one of them - same background, same job",
    "Spoke from the heart",
    "Timing - she waited for the right moment to speak",
    "Didn't blame anyone, focused on what could change",
    "Made people feel it was their fight, not hers",
    "humour",
    "Simple language, no jargon",
    "She listened before she spoke",
    "Built on what the others had already said",
    "Showed vulnerability",
    "Clear about what she wanted from them",
    "Connected to values: fairness, dignity",
    "She had done her homework and knew the facts",
    "Got people nodding early on",
    "Repetition of the key message",
    "Called out the elephant in the room",
    "She was credible because she had lived it",
    "Energy and enthusiasm were infectious",
    "Gave people hope that it could be different",
    "Spoke to emotions first and logic second",
    "Respectful to the people who disagreed",
    "Invited them to decide together",
    "Confidance",
    "she stood up when nobody else would",
    "Brought the women together before the meeting",
    "Made the injustice feel personal and real for every single person in the room, "
    "including the men who had not thought about it before",
    "Challenged the status quo without being aggressive",
    "Stayed calm under pressure",
    "Shared purpose",
    "Used silence well",
    "Plain speaking",
    "Relatable",
    "Moral courage",
    "She asked a question instead of lecturing",
    "Turned anger into a plan",
    "Framed it as a win for everyone",
    "Leadership from the shop floor, not the top",
    "The setting - a packed hall, everyone together",
    "She believed it herself, you could tell",
]


def fill_room_board(model, run_id: int, step, *, notes: int = 150, seed: int = 11) -> list:
    """Fill one board the way a 150-person room does: ``notes`` notes from as many people
    (their own random names), spread over its zones, and votes where the board takes three or
    more each; returns the notes as stored."""
    rng = random.Random(seed)
    people = [model.runs.join(run_id)[0] for _ in range(notes)]
    colours = list(NOTE_COLORS)[:5]
    zone_ids = [z.id for z in step.zones] or [None]
    stored = []
    for i, person in enumerate(people):
        text = ROOM_SAYINGS[i % len(ROOM_SAYINGS)]
        if i >= len(ROOM_SAYINGS):  # the same thought, written by someone else
            text = rng.choice((text, text.lower(), text.rstrip("!.") + ".", "+1 " + text))
        request = NoteRequest(
            run_id, step.id, text, participant_id=person.id, color=rng.choice(colours),
            zone_id=zone_ids[i % len(zone_ids)], client_id=f"room-{step.id}-{i}",
        )  # fmt: skip
        stored.append(model.board.add_note(request).note)
    voters = rng.sample(people, min(len(people), 60))
    for person in voters if step.settings.get("votes", 0) >= 3 else ():
        for note in rng.sample(stored, 3):
            model.board.vote(note.id, person.id)
    return model.board.notes(run_id, step.id)
