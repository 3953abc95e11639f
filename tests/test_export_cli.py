"""`facilitator export` and `facilitator handout`, run in-process on a real data folder."""

from __future__ import annotations

import json

from pypdf import PdfReader

from facilitator.cli.main import main
from facilitator.export.sample import fill_run
from facilitator.model.demos import demo_workshop
from facilitator.model.service import open_model


def make_run(data_dir) -> int:
    model = open_model(data_dir)
    try:
        ws = demo_workshop(model.library)
        run = model.runs.start(ws.id, place="Room 2", facilitator="Sam")
        fill_run(model, run.id, people=5)
        return run.id
    finally:
        model.close()


def test_export_latest_writes_each_file_asked_for(data_dir, tmp_path, capsys):
    run_id = make_run(data_dir)
    files = {k: tmp_path / f"out.{k}" for k in ("handout", "summary", "csv", "json")}
    argv = ["export", "latest", "--data-dir", str(data_dir), "--paper", "letter"]
    for name, path in files.items():
        argv += [f"--{name}", str(path)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    for path in files.values():
        assert path.stat().st_size > 0 and str(path) in out
    assert len(PdfReader(files["summary"]).pages) >= 3
    assert json.loads(files["json"].read_text())["run"]["id"] == run_id
    box = PdfReader(files["handout"]).pages[0].mediabox
    assert round(float(box[2])) == 612


def test_export_without_files_writes_all_four_here(data_dir, tmp_path, monkeypatch, capsys):
    run_id = make_run(data_dir)
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(run_id), "--data-dir", str(data_dir), "--per-participant"]) == 0
    made = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert len(made) == 4 and all(name.startswith(f"run-{run_id}-") for name in made)
    assert {p.rsplit(".", 1)[1] for p in made} == {"pdf", "csv", "json"}


def test_handout_command_writes_the_pdf(data_dir, tmp_path, capsys):
    target = tmp_path / "handout.pdf"
    code = main(["handout", "Change Agents - session 1", str(target), "--data-dir", str(data_dir)])
    assert code == 0
    assert len(PdfReader(target).pages) >= 3
    assert "Wrote" in capsys.readouterr().out


def test_mistakes_get_one_sentence_and_exit_1(data_dir, tmp_path, capsys):
    d = ["--data-dir", str(data_dir)]
    assert main(["export", "latest", *d]) == 1
    assert capsys.readouterr().err.strip() == "facilitator: There are no runs yet."
    make_run(data_dir)
    assert main(["export", "42", *d, "--csv", str(tmp_path / "x.csv")]) == 1
    assert "There is no run 42." in capsys.readouterr().err
    assert main(["export", "latest", *d, "--summary", str(tmp_path / "no" / "s.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("facilitator: Could not write") and "Traceback" not in err
    assert main(["handout", "No such workshop", str(tmp_path / "h.pdf"), *d]) == 1
    assert "There is no workshop called 'No such workshop'." in capsys.readouterr().err
