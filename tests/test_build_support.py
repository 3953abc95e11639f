"""What build.spec writes into the frozen app besides the code: the Windows version resource
(from pyproject's version) and the LICENSES folder (from the installed distributions)."""

from __future__ import annotations

import ast
import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "build_support", ROOT / "scripts" / "build_support.py"
)
build_support = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_support)

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == name
    ]


def test_the_windows_version_file_carries_pyprojects_version(tmp_path):
    # GIVEN the version file written for facilitator-cli.exe
    path = build_support.windows_version_file(
        tmp_path / "version.txt",
        exe="facilitator-cli.exe",
        product="Facilitator",
        version=VERSION,
        about="Facilitator",
    )
    # WHEN it is read as PyInstaller reads it (one Python expression)
    tree = ast.parse(path.read_text(encoding="utf-8"), mode="eval")
    # THEN it is a VSVersionInfo whose numbers and strings are pyproject's version
    assert tree.body.func.id == "VSVersionInfo"
    [fixed] = calls(tree, "FixedFileInfo")
    numbers = {k.arg: ast.literal_eval(k.value) for k in fixed.keywords}
    expected = tuple(int(n) for n in VERSION.split(".")) + (0,) * (4 - len(VERSION.split(".")))
    assert numbers["filevers"] == numbers["prodvers"] == expected
    strings = dict(
        ast.literal_eval(ast.Tuple(c.args, ast.Load())) for c in calls(tree, "StringStruct")
    )
    assert strings["ProductVersion"] == strings["FileVersion"] == VERSION
    assert strings["OriginalFilename"] == "facilitator-cli.exe"
    assert strings["ProductName"] == "Facilitator"


def test_version_numbers_are_four_and_drop_a_suffix():
    assert build_support.version_numbers("1.2") == (1, 2, 0, 0)
    assert build_support.version_numbers("0.3.1rc1+local") == (0, 3, 1, 1)
    assert build_support.version_numbers("2026.1.2.3.4") == (2026, 1, 2, 3)


def test_the_licences_of_what_is_bundled_come_from_the_installed_distributions(tmp_path):
    # GIVEN modules as PyInstaller lists them: a web framework, the PDF library, Qt, the app
    modules = ["fastapi.routing", "reportlab.pdfgen", "PySide6.QtCore", "uvicorn", "facilitator"]
    dists = build_support.bundled_distributions(modules)
    # WHEN the LICENSES folder is collected
    folder = build_support.collect_licences(
        dists, tmp_path / "LICENSES", product="facilitator", version=VERSION
    )
    # THEN the index names each with its licence, and the app itself is not among them
    index = (folder / "README.txt").read_text(encoding="utf-8")
    names = {d.metadata["Name"] for d in dists}
    assert {"fastapi", "reportlab", "uvicorn", "PySide6_Essentials"} <= names
    assert "fastapi " in index and "MIT" in index and "BSD" in index
    assert "PySide6_Essentials" in index and "LGPL-3.0" in index
    assert "- facilitator " not in index
    # AND each distribution's own licence files are copied beside it
    fastapi = next(folder.glob("fastapi-*"))
    assert "MIT License" in (fastapi / "licenses" / "LICENSE").read_text(encoding="utf-8")
    # AND Qt has its notice with the LGPL and GPL texts and where the source is
    qt = (folder / "Qt" / "README.txt").read_text(encoding="utf-8")
    assert "download.qt.io" in qt and "replace them" in qt
    lgpl = (folder / "Qt" / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl
    assert (folder / "Qt" / "GPL-3.0.txt").is_file()
    # AND the fonts' and Python's licences are there
    assert {p.name for p in (folder / "fonts").iterdir()} == {
        "LICENSE-DejaVu.txt",
        "LICENSE-NotoEmoji.txt",
    }
    assert "PYTHON SOFTWARE FOUNDATION" in (folder / "Python" / "LICENSE.txt").read_text().upper()
