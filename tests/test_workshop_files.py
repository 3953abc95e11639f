"""Workshop files: the demos import, an export imports back the same, broken files are refused
with one line per problem (with its place) and import nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from facilitator.model.demos import demo_folders, ensure_demos
from facilitator.model.errors import WorkshopFileError
from facilitator.model.workshop_file import (
    export_workshop,
    import_workshop,
    to_yaml_dict,
)


def write_workshop(folder: Path, doc) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "workshop.yaml").write_text(
        doc if isinstance(doc, str) else yaml.safe_dump(doc), encoding="utf-8"
    )
    return folder


def problems_of(model, path) -> list[str]:
    before = len(model.library.workshops())
    with pytest.raises(WorkshopFileError) as caught:
        import_workshop(model.library, path)
    assert len(model.library.workshops()) == before  # nothing imported
    return caught.value.problems


@pytest.mark.parametrize("folder", demo_folders(), ids=lambda p: p.name)
def test_each_demo_imports(model, folder):
    info = import_workshop(model.library, folder)
    steps = model.library.steps(info.id)
    assert info.step_count == len(steps) >= 6
    for step in steps:
        for name in ("image", "video"):
            if step.settings.get(name):
                assert step.media_path(name).is_file()


def test_the_demos_hold_the_seed_content(model):
    demos = {w.title: w for w in ensure_demos(model.library)}
    assert set(demos) == {
        "Change Agents - session 1",
        "Making change happen in general practice",
        "Spreading change: one piece of advice",
        "Facilitators' huddle",
    }
    ca = model.library.steps(demos["Change Agents - session 1"].id)
    kinds = [s.kind for s in ca]
    assert kinds[0] == "info" and ca[0].settings["show_join"]
    assert {"position", "video", "reflect", "whiteboard", "feedback"} <= set(kinds)
    zones = {z.label for s in ca for z in s.zones}
    assert {"Burning platforms", "Burning ambitions"} <= zones
    assert any("Rita O'Grady" in s.prompt for s in ca)
    assert len(model.library.resources(demos["Change Agents - session 1"].id)) == 4
    gp = model.library.steps(demos["Making change happen in general practice"].id)
    boards = [s for s in gp if s.kind == "whiteboard"]
    assert len(boards) == 4
    assert all([z.label for z in b.zones] == ["For general practices", "For ICSs"] for b in boards)
    assert ensure_demos(model.library) and len(model.library.workshops()) == 4  # no duplicates


def test_demo_clips_are_small_mpeg4():
    clips = [p for f in demo_folders() for p in f.rglob("*.mp4")]
    assert clips
    for clip in clips:
        assert clip.stat().st_size < 500 * 1024
        assert b"ftyp" in clip.read_bytes()[:64]


@pytest.mark.parametrize("suffix", [".workshop", ""])
def test_round_trip_gives_the_same_workshop(model, tmp_path, suffix):
    original = ensure_demos(model.library)[0]
    target = export_workshop(model.library, original.id, tmp_path / f"copy{suffix}")
    again = import_workshop(model.library, target)
    assert again.id != original.id
    assert to_yaml_dict(model.library, again.id) == to_yaml_dict(model.library, original.id)


def test_export_to_a_non_empty_folder_is_refused(model, tmp_path):
    ws = ensure_demos(model.library)[0]
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "other.txt").write_text("mine")
    with pytest.raises(WorkshopFileError, match="not empty"):
        export_workshop(model.library, ws.id, tmp_path / "full")


def test_broken_file_lists_every_problem_with_its_place(model, tmp_path):
    folder = write_workshop(
        tmp_path / "broken",
        {
            "title": "Broken",
            "steps": [
                {"kind": "info", "title": "Fine"},
                {"kind": "slides", "title": "What"},
                {"kind": "whiteboard", "title": "Board", "votes": -1, "colour": "red"},
                {"kind": "video", "title": "Clip", "video": "clips/fuda.mp4"},
                {"kind": "reflect", "title": "", "timer": "soon"},
                {"kind": "info", "title": "Escape", "image": "../../etc/passwd"},
                "just text",
            ],
            "resources": [{"title": "Link", "url": "javascript:alert(1)"}],
        },
    )
    problems = problems_of(model, folder)
    from facilitator.model import kinds

    known = ", ".join(kinds.names())
    assert f"steps[1].kind: unknown kind 'slides' (known: {known})" in problems
    assert "steps[3].video: file not found: clips/fuda.mp4" in problems
    assert "steps[2].colour: unknown field" in problems
    assert any(p.startswith("steps[2].votes: ") for p in problems)
    assert "steps[4].title: is required" in problems
    assert any(p.startswith("steps[4].timer: ") for p in problems)
    assert "steps[5].image: must be a file inside the workshop folder: ../../etc/passwd" in problems
    assert "steps[6]: must be a mapping with a kind" in problems
    assert "resources[0].url: must start with http:// or https://" in problems


@pytest.mark.parametrize(
    "text,expected",
    [
        ("title: [unclosed", "workshop.yaml (line 1)"),
        ("- a list\n- not a mapping\n", "workshop.yaml: must be a mapping"),
        ("title: No steps\nsteps: []\n", "steps: a workshop needs a list of at least one step"),
    ],
)
def test_unreadable_yaml_says_why(model, tmp_path, text, expected):
    problems = problems_of(model, write_workshop(tmp_path / "w", text))
    assert any(p.startswith(expected) for p in problems), problems


def test_missing_and_wrong_files(model, tmp_path):
    assert problems_of(model, tmp_path / "nowhere")[0].endswith("no such file or folder")
    (tmp_path / "notes.txt").write_text("hello")
    assert "not a workshop folder" in problems_of(model, tmp_path / "notes.txt")[0]
    assert "workshop.yaml: not found" in problems_of(model, tmp_path)[0]


def test_zip_with_unsafe_names_is_refused(model, tmp_path):
    bad = tmp_path / "evil.workshop"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("workshop.yaml", "title: x\nsteps: [{kind: info, title: a}]\n")
        archive.writestr("../outside.txt", "escape")
    assert "unsafe file name" in problems_of(model, bad)[0]
    assert not (tmp_path.parent / "outside.txt").exists()


def test_zip_with_a_top_folder_imports(model, tmp_path):
    good = tmp_path / "nested.workshop"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr(
            "My plan/workshop.yaml", "title: Nested\nsteps: [{kind: info, title: a}]\n"
        )
    assert import_workshop(model.library, good).title == "Nested"


def test_anonymous_and_hidden_vote_counts_are_read_checked_and_written(model, tmp_path):
    # GIVEN a board that is anonymous and keeps its vote counts off the phones
    board = {"kind": "whiteboard", "title": "Board", "anonymous": True, "votes_visible": False}
    folder = write_workshop(tmp_path / "anon", {"title": "Quiet", "steps": [board]})
    # WHEN it is imported
    info = import_workshop(model.library, folder)
    (step,) = model.library.steps(info.id)
    # THEN the settings are the step's, and they are written back the same
    assert step.settings["anonymous"] is True and step.settings["votes_visible"] is False
    (written,) = to_yaml_dict(model.library, info.id)[0]["steps"]
    assert written["anonymous"] is True and written["votes_visible"] is False
    # AND a board that says nothing is named and counted live (the defaults are not written)
    loud = {"title": "Loud", "steps": [{"kind": "whiteboard", "title": "B"}]}
    plain = import_workshop(model.library, write_workshop(tmp_path / "plain", loud))
    (default,) = model.library.steps(plain.id)
    assert default.settings["anonymous"] is False and default.settings["votes_visible"] is True
    assert "anonymous" not in to_yaml_dict(model.library, plain.id)[0]["steps"][0]


def test_a_wrong_anonymous_value_is_a_problem_with_its_place(model, tmp_path):
    board = {"kind": "whiteboard", "title": "Board", "anonymous": "perhaps", "votes_visible": 7}
    problems = problems_of(model, write_workshop(tmp_path / "w", {"title": "T", "steps": [board]}))
    assert any(p.startswith("steps[0].anonymous: ") for p in problems), problems
    assert any(p.startswith("steps[0].votes_visible: ") for p in problems), problems
