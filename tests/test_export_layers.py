"""The export layer's place in the architecture: it never imports Qt, the web layer or the UI,
and it has a module for every kind of step."""

from __future__ import annotations

import ast
from pathlib import Path

import facilitator.export
from facilitator.export import kinds as export_kinds
from facilitator.model import kinds as model_kinds

FORBIDDEN = ("PySide6", "shiboken6", "fastapi", "uvicorn", "facilitator.ui", "facilitator.web")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_export_never_imports_qt_or_the_web_layer():
    root = Path(facilitator.export.__file__).parent
    files = list(root.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for name in imported_modules(path):
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"


def test_every_step_kind_has_its_export_module():
    modules = export_kinds.registry()
    for kind in model_kinds.names():
        assert kind in modules, kind
        assert callable(modules[kind].handout) and callable(modules[kind].summary)
