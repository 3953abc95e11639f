"""``facilitator suggest-groups RUN --step N [--json]``: the groups "Suggest groups" would
propose for a board's visible notes, worked out on this computer; nothing is changed."""

from __future__ import annotations

import json

from .common import UserError, model_from_args


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "suggest-groups",
        parents=[common],
        help="propose groups for a board's notes (offline; changes nothing)",
        description="Propose groups for the visible notes of a whiteboard step, as the "
        "console's Suggest groups does. Works offline and changes nothing.",
    )
    p.add_argument("run", metavar="RUN", help="a run's number (see `facilitator runs`) or latest")
    p.add_argument("--step", type=int, required=True, metavar="N", help="the step, as numbered")
    p.add_argument("--json", action="store_true", help='print {"groups": [...], "unsorted": [...]}')
    p.add_argument(
        "--level",
        type=int,
        default=0,
        choices=range(-2, 3),
        metavar="L",
        help="from -2 (fewer, larger groups) to 2 (more, smaller groups); default 0",
    )
    p.set_defaults(func=suggest_groups)


def suggest_groups(args) -> int:
    model = model_from_args(args)
    try:
        run = model.runs.find(args.run)
        steps = model.runs.steps(run.id)
        if not 1 <= args.step <= len(steps):
            raise UserError(
                f"Run {run.id} has steps 1 to {len(steps)}; there is no step {args.step}."
            )
        step = steps[args.step - 1]
        proposal = model.themes.propose(run.id, step.id, level=args.level)
        if args.json:
            print(json.dumps(proposal.as_json(), ensure_ascii=False))
        else:
            texts = {n.id: n.text for n in model.board.notes(run.id, step.id)}
            print("\n".join(readable(proposal, texts, f"Step {args.step}: {step.title}")))
    finally:
        model.close()
    return 0


def readable(proposal, texts: dict[int, str], heading: str) -> list[str]:
    """The proposal as lines for a person: each group with its keywords and notes, then the
    notes left unsorted. Note text is printed as typed, one line per note."""
    groups = len(proposal.groups)
    lines = [
        heading,
        f"{proposal.placed} notes in {groups} group{'s' * (groups != 1)}, "
        f"{len(proposal.unsorted)} unsorted.",
    ]
    for g in proposal.groups:
        count = len(g.note_ids)
        if g.group_id is None:
            lines += ["", f"{g.label}: {count} note{'s' * (count != 1)}"]
        else:
            lines += ["", f"{g.label} (a group already on the board): {count} more"]
        if g.keywords:
            lines.append("  keywords: " + ", ".join(g.keywords))
        lines += [f"  - {_one_line(texts.get(nid, ''))}  [{nid}]" for nid in g.note_ids]
    if proposal.unsorted:
        lines += ["", f"Unsorted: {len(proposal.unsorted)} notes"]
        lines += [f"  - {_one_line(texts.get(nid, ''))}  [{nid}]" for nid in proposal.unsorted]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())
