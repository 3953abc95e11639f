"""Answers benchmark: a room answering a poll (300 phones by default) while the projector shows
its live bars, on a 1920x1080 stage rendered offscreen with the real Stage class.

The answers go in as the phone server stores them (group commits of 50 from another thread, as
the answer writer batches a herd), their events cross the bridge to the GUI thread, and the
stage redraws. Measures the time from the last answer stored to the stage showing results
that count every answer (the target: under 250 ms), and one full redraw of the stage.

    python benches/answers.py [--phones 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator.model.demos import ensure_demos  # noqa: E402
from facilitator.model.responses import AnswerRequest  # noqa: E402
from facilitator.model.service import open_model  # noqa: E402
from facilitator.ui.snapshot import Snapshot  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        model = open_model(Path(folder))
        ensure_demos(model.library)
        workshop = next(w for w in model.library.workshops() if w.title.startswith("Spreading"))
        run = model.runs.start(workshop.id)
        steps = model.runs.steps(run.id)
        poll = next(s for s in steps if s.kind == "poll")
        model.runs.go_to(run.id, steps.index(poll))
        people = [model.runs.join(run.id)[0] for _ in range(args.phones)]
        shot = Snapshot(model, run, poll, (1920, 1080))
        view = shot.stage.view
        seen: list[tuple[float, int]] = []
        show = view.show_results

        def watched(results, shown):
            show(results, shown)
            seen.append((time.perf_counter(), results.get("answered", 0)))

        view.show_results = watched
        finished = {}

        def room() -> None:
            for start in range(0, len(people), 50):
                batch = people[start : start + 50]
                model.responses.answer_many(
                    [AnswerRequest(run.id, poll.id, p.id, {"choices": [p.id % 3]}) for p in batch]
                )
            finished["at"] = time.perf_counter()

        t0 = time.perf_counter()
        threading.Thread(target=room).start()
        while not (seen and seen[-1][1] == len(people)):
            shot.app.processEvents()
            if time.perf_counter() - t0 > 30:
                raise SystemExit("the stage never showed every answer")
        done = next(t for t, n in seen if n == len(people))
        redraw0 = time.perf_counter()
        shot.stage.grab()
        redraw = time.perf_counter() - redraw0
        print(f"{len(people)} answers stored in {1000 * (finished['at'] - t0):.0f} ms")
        print(
            f"stage shows all {len(people)} answers {1000 * (done - finished['at']):.0f} ms after "
            f"the last was stored ({len(seen)} redraws of the results on the way)"
        )
        print(f"one full redraw of the 1920x1080 stage: {1000 * redraw:.1f} ms")
        shot.close()
        model.close()


if __name__ == "__main__":
    main()
