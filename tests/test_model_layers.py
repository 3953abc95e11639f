"""The model and the exports never import Qt or the web framework (so they run headless, in the
CLI and in CI), and the model never imports the layers above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"
FORBIDDEN = {
    "model": (
        "PySide6",
        "fastapi",
        "starlette",
        "uvicorn",
        "facilitator.ui",
        "facilitator.web",
        "facilitator.export",
        "facilitator.cli",
    ),
    "export": (
        "PySide6",
        "fastapi",
        "starlette",
        "uvicorn",
        "facilitator.ui",
        "facilitator.web",
        "facilitator.cli",
    ),
    "web": ("PySide6", "facilitator.ui", "facilitator.export", "facilitator.cli"),
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    # GIVEN every module of the layer
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules in facilitator/{layer}"
    # WHEN we read their imports THEN none reaches a forbidden package
    bad = [
        f"{f.relative_to(PACKAGE.parent)} imports {name}"
        for f in files
        for name in imported_modules(f)
        if any(name == p or name.startswith(p + ".") for p in FORBIDDEN[layer])
    ]
    assert bad == []


def test_the_checker_catches_a_qt_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport fastapi\n")
    assert imported_modules(sample) == ["PySide6.QtCore", "fastapi"]
