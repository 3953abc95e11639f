"""Suggested groups benchmark: the sentence model on this machine, and proposals for a board of
150 notes and one of 2,000, both filled as a room fills them (``fill_room_board``).

Measures (1) loading the model (ONNX session and tokenizer); (2) embedding per note: one note
at a time as phones send them (what the keeper does between arrivals), in batches (a burst),
and a whole 2,000-note board at once on both cores (a proposal for an old run); (3) the keeper
end to end: 150 notes added, until every one has its vector stored; (4) clustering 150 and 2,000
stored vectors (``proposal.build`` alone) and the whole ``model.themes.propose`` with vectors
stored, as the console's button calls it (target: under 0.5 s); (5) ``facilitator
suggest-groups RUN --step N --json`` for 150 notes as a fresh process, on a run without vectors
(cold: start-up, imports, model, embedding, clustering; target: under 5 s) and with them;
(6) peak memory (VmHWM) of this process and of each command.

    python benches/groups.py [--rounds 5] [--big 2000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator.export.sample import fill_room_board  # noqa: E402
from facilitator.model.demos import demo_workshop  # noqa: E402
from facilitator.model.service import open_model  # noqa: E402
from facilitator.model.themes import proposal, vectors  # noqa: E402
from facilitator.model.themes.encoder import Encoder  # noqa: E402

ROOM, BIG = 4, 6  # the agenda numbers of "What did Rita O'Grady do?" and "Motivators we use"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def timed(call, rounds: int) -> tuple[float, object]:
    """The median wall time of ``rounds`` calls, and the last result."""
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# The command as `python -m facilitator` runs it, then its own peak memory on stderr (a child's
# ru_maxrss would count this big process's memory, which the child starts from).
COMMAND = """
import sys
from facilitator.cli.main import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print("VmHWM", status, file=sys.stderr)
sys.exit(code)
"""


def command(data: Path, run_id: int, step: int) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one suggest-groups process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, "--data-dir", str(data), "suggest-groups",
         str(run_id), "--step", str(step), "--json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    return wall, int(done.stderr.split("VmHWM")[-1].split()[0]) / 1024


def stored_board(model, run_id: int, step_id: int, rounds: int) -> None:
    notes = vectors.board_notes(model.db, run_id, step_id)
    matrix = np.stack([n.vector for n in notes])
    names = vectors.group_names(model.db, run_id, step_id)
    alone, result = timed(lambda: proposal.build(notes, matrix, names), rounds)
    whole_call, _ = timed(lambda: model.themes.propose(run_id, step_id), rounds)
    print(
        f"{len(notes)} notes, vectors stored: clustering {ms(alone)}, model.themes.propose "
        f"{ms(whole_call)} ({len(result.groups)} groups, {result.placed} placed)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Time suggested groups.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--big", type=int, default=2000, help="notes on the big board")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="facilitator-groups-"))
    model = open_model(data)
    run = model.runs.start(demo_workshop(model.library).id)
    steps = model.runs.steps(run.id)
    room = fill_room_board(model, run.id, steps[ROOM - 1], notes=150)
    big = fill_room_board(model, run.id, steps[BIG - 1], notes=args.big)
    print(f"boards: {len(room)} and {len(big)} notes (run {run.id}, data {data})")

    # (5) first, while no vector is stored: the command line, cold
    cold = [command(data, run.id, ROOM) for _ in range(3)]
    print(
        f"suggest-groups, 150 notes, no vectors stored (fresh process): median "
        f"{ms(statistics.median(c[0] for c in cold))}, peak {max(c[1] for c in cold):.0f} MB"
    )

    # (1) loading, in this process
    encoder = Encoder()
    started = time.perf_counter()
    encoder.load()
    print(f"model load (ONNX session + tokenizer): {ms(time.perf_counter() - started)}")

    # (2) embedding per note
    texts = [n.text for n in room]
    one, _ = timed(lambda: [encoder.note_vectors([t]) for t in texts[:50]], 1)
    print(f"embedding one note at a time (one core, words known): {one / 50 * 1000:.1f} ms a note")
    fresh = Encoder()
    fresh.load()
    burst, _ = timed(lambda: fresh.note_vectors(texts), 1)
    print(
        f"embedding 150 notes in batches, one core, words new: {burst / 150 * 1000:.1f} ms a note"
    )
    every = [n.text for n in big]
    fresh = Encoder()
    fresh.load()
    whole, made = timed(lambda: fresh.note_vectors(every, threads=os.cpu_count() or 1), 1)
    print(
        f"embedding {len(every)} notes at once, {os.cpu_count()} cores: {ms(whole)} "
        f"({whole / len(every) * 1000:.1f} ms a note)"
    )

    # (3) the keeper end to end, on a copy of the room board's texts
    model.themes.start()
    started = time.perf_counter()
    fill_room_board(model, run.id, steps[8], notes=150)  # "Platforms and ambitions"
    added = time.perf_counter() - started
    model.themes.keeper.wait_idle(120)
    print(
        f"keeper: 150 notes added in {ms(added)}, all their vectors stored "
        f"{ms(time.perf_counter() - started - added)} after the last"
    )
    model.themes.stop()
    vectors.store(model.db, [(n.id, n.text, v) for n, v in zip(big, made, strict=True)])
    room_made = encoder.note_vectors(texts)
    vectors.store(model.db, [(n.id, n.text, v) for n, v in zip(room, room_made, strict=True)])

    # (4) clustering stored vectors, and the whole call
    for step in (steps[ROOM - 1], steps[BIG - 1]):
        stored_board(model, run.id, step.id, args.rounds)

    warm = [command(data, run.id, ROOM) for _ in range(3)]
    print(
        f"suggest-groups, 150 notes, vectors stored (fresh process): median "
        f"{ms(statistics.median(c[0] for c in warm))}, peak {max(c[1] for c in warm):.0f} MB"
    )
    print(f"peak memory of this process: {peak_mb():.0f} MB")
    model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
