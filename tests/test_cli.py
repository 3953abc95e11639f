"""The command line as a user meets it: real processes, a real data folder; errors are one
sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from facilitator import __version__


def cli(*args, data_dir=None):
    command = [sys.executable, "-m", "facilitator", *args]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def test_version():
    done = cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"facilitator {__version__}"


def test_workshops_import_export_runs(data_dir, tmp_path):
    empty = cli("workshops", data_dir=data_dir)
    assert empty.returncode == 0 and "No workshops yet" in empty.stdout
    listed = cli("workshops", "--demo", data_dir=data_dir)
    assert listed.returncode == 0
    assert "Change Agents - session 1" in listed.stdout and "(demo)" in listed.stdout

    target = tmp_path / "ca.workshop"
    exported = cli("export-workshop", "Change Agents - session 1", str(target), data_dir=data_dir)
    assert exported.returncode == 0 and target.is_file()
    imported = cli("import", str(target), data_dir=data_dir)
    assert imported.returncode == 0 and "Imported 'Change Agents - session 1'" in imported.stdout
    assert cli("workshops", data_dir=data_dir).stdout.count("Change Agents - session 1") == 2
    assert cli("runs", data_dir=data_dir).stdout.strip() == "No runs yet."


def test_runs_lists_newest_first_with_the_id_first(model, data_dir, demo_run):
    second = model.runs.start(demo_run.source_workshop_id, place="Hall B")
    lines = cli("runs", data_dir=data_dir).stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == [str(second.id), str(demo_run.id)]
    assert "Hall B" in lines[0] and "open" in lines[0]


@pytest.mark.parametrize(
    "args,message",
    [
        (("import", "no/such/folder"), "no such file or folder"),
        (("export-workshop", "Nope", "out.workshop"), "There is no workshop called 'Nope'"),
    ],
)
def test_errors_are_one_sentence(data_dir, args, message):
    done = cli(*args, data_dir=data_dir)
    assert done.returncode == 1
    assert done.stderr.startswith("facilitator: ") and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_broken_workshop_lists_its_problems(data_dir, tmp_path):
    (tmp_path / "workshop.yaml").write_text("title: X\nsteps:\n  - kind: slides\n    title: a\n")
    done = cli("import", str(tmp_path), data_dir=data_dir)
    assert done.returncode == 1 and "steps[0].kind: unknown kind 'slides'" in done.stderr


def test_unusable_data_folders_are_explained(tmp_path):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "facilitator.sqlite3").write_bytes(b"this is not a database, " * 40)
    done = cli("runs", data_dir=junk)
    assert done.returncode == 1
    assert "Cannot open the data folder" in done.stderr and "not a database" in done.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    done = cli("runs", data_dir=blocked / "inside")
    assert done.returncode == 1 and done.stderr.startswith("facilitator: ")


def test_data_dir_works_before_or_after_the_command(model, data_dir, demo_run):
    before = subprocess.run(
        [sys.executable, "-m", "facilitator", "--data-dir", str(data_dir), "runs"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    after = cli("runs", data_dir=data_dir)
    assert before.stdout == after.stdout and after.stdout.startswith(f"{demo_run.id} ")
