"""``facilitator suggest-groups RUN --step N [--json]`` end to end: the JSON exactly as
DESIGN.md says, the readable listing, refusals in a sentence, nothing changed in the database,
and the whole command run in a process that cannot reach the network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from facilitator.cli.main import main
from tests.themes_helpers import RITA_STEP, THREE_THEMES, add, board


def filled(model, texts=THREE_THEMES):
    run, step, notes = board(model, texts)
    return run, step, notes


def dump(data_dir) -> list[str]:
    import sqlite3

    connection = sqlite3.connect(data_dir / "facilitator.sqlite3")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_json_is_the_documented_shape_and_nothing_changes(model, data_dir, capsys):
    # GIVEN a run whose board has notes, one already in a group, one hidden
    run, step, notes = filled(model)
    model.board.create_group(run.id, step.id, "Clock", [notes[0].id])
    model.board.set_hidden(notes[11].id, True)
    model.close()
    before = dump(data_dir)

    # WHEN the command prints the proposal as JSON
    code = main(
        ["--data-dir", str(data_dir), "suggest-groups", str(run.id), "--step", "4", "--json"]
    )

    # THEN it is exactly {"groups": [{"label", "note_ids"}], "unsorted": [...]}
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"groups", "unsorted"}
    assert all(set(g) == {"label", "note_ids"} for g in out["groups"])
    listed = [i for g in out["groups"] for i in g["note_ids"]] + out["unsorted"]
    assert sorted(listed) == [n.id for n in notes[1:11]]  # not the grouped, not the hidden
    # ... and the database is byte for byte what it was
    assert dump(data_dir) == before


def test_the_readable_listing(model, data_dir, capsys):
    run, step, notes = filled(model, THREE_THEMES + ["Parking"])
    model.close()
    assert main(["--data-dir", str(data_dir), "suggest-groups", "latest", "--step", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Step 4: What did Rita O'Grady do?\n12 notes in 3 groups, 1 unsorted.")
    assert "  - Slow computers  [12]" in out
    assert "Unsorted: 1 notes\n  - Parking  [13]" in out
    assert "keywords: " in out


def test_refusals_are_sentences(model, data_dir, capsys):
    filled(model)
    model.close()
    args = ["--data-dir", str(data_dir), "suggest-groups", "latest"]
    assert main([*args, "--step", "5"]) == 1
    assert "Groups are suggested for whiteboards" in capsys.readouterr().err
    assert main([*args, "--step", "40"]) == 1
    assert "there is no step 40" in capsys.readouterr().err


def test_works_with_the_network_blocked(model, data_dir):
    # GIVEN a board, and a Python that refuses every connection off this machine (and no
    # proxy, and Hugging Face told to stay offline)
    run, _step, notes = filled(model)
    add(model, run.id, _step.id, ["Nobody has time for meetings"])
    model.close()
    blocker = textwrap.dedent(
        """
        import socket, sys
        real_connect = socket.socket.connect
        def connect(self, address):
            host = address[0] if isinstance(address, tuple) else address
            if self.family == socket.AF_UNIX or str(host).startswith(("127.", "::1", "localhost")):
                return real_connect(self, address)
            print(f"BLOCKED {address}", file=sys.stderr)
            raise OSError("network blocked by the test")
        socket.socket.connect = connect
        socket.create_connection = lambda *a, **k: connect(socket.socket(), a[0])
        from facilitator.cli.main import main
        sys.exit(main(sys.argv[1:]))
        """
    )
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env |= {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(data_dir / "hf")}

    # WHEN the command runs in it
    done = subprocess.run(
        [sys.executable, "-c", blocker, "--data-dir", str(data_dir), "suggest-groups",
         str(run.id), "--step", str(RITA_STEP), "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip

    # THEN it proposes the groups without trying the network once
    assert done.returncode == 0, done.stderr
    assert "BLOCKED" not in done.stderr
    out = json.loads(done.stdout)
    assert len(out["groups"]) == 3
    assert not (data_dir / "hf").exists()
