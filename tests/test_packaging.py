"""The project installs as the README says: CI runs the README's test command, the wheel carries
the assets and every package, and assets are found by the one function."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from facilitator.assets import asset_path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    (python3 -m venv .*)$", readme, re.MULTILINE)
    assert len(commands) == 2, "the README starts with exactly two commands"
    assert "facilitator demo" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_package_is_listed_in_pyproject():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "facilitator").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert on_disk - listed == set()


def test_every_asset_folder_python_could_import_is_listed_in_pyproject():
    # setuptools warns that such a folder "would be ignored" when `packages` leaves it out.
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    assets = ROOT / "assets"
    importable = {
        ".".join(("facilitator", "assets", *folder.relative_to(assets).parts))
        for folder in assets.rglob("*")
        if folder.is_dir() and all(p.isidentifier() for p in folder.relative_to(assets).parts)
    }
    assert importable and importable - listed == set()


def test_assets_are_found_in_a_checkout():
    assert asset_path("workshops", "change-agents-1", "workshop.yaml").is_file()


def test_the_wheel_carries_the_assets(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("facilitator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "facilitator/assets/workshops/change-agents-1/workshop.yaml" in names
    assert "facilitator/assets/workshops/change-agents-1/pictures/position.png" in names
    assert "facilitator/model/migrations/versions/0001_initial_schema.py" in names
    assert "facilitator/model/migrations/script.py.mako" in names
    assert "facilitator/assets/icons/facilitator.png" in names
    assert "facilitator/assets/models/all-MiniLM-L6-v2/tokenizer.json" in names
    assert "facilitator/assets/models/all-MiniLM-L6-v2/LICENSE" in names
    assert "facilitator/model/migrations/versions/0003_note_vectors.py" in names
