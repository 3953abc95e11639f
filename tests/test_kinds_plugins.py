"""A step kind is a plug-in: every kind of the model has each layer's module, a kind missing one
is refused at start with a sentence (never shown as an info slide), and the shared modules
never name a kind."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from facilitator.cli.kinds_check import kind_problems
from facilitator.model import kinds

PACKAGE = Path(__file__).resolve().parents[1] / "facilitator"

REGISTER_A_KIND_WITHOUT_PARTS = """
import sys
from facilitator.model import kinds
kinds.registry()["survey"] = kinds.StepKind(
    name="survey", label="Survey", description="A kind with no parts.", settings=kinds.KindSettings
)
from facilitator.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_every_kind_has_all_its_parts():
    assert kind_problems(with_ui=True) == []


def test_a_kind_without_its_parts_is_refused_at_start_with_a_sentence(tmp_path):
    # GIVEN a copy whose model knows a kind no other layer has
    command = [sys.executable, "-c", REGISTER_A_KIND_WITHOUT_PARTS]
    # WHEN serve starts
    done = subprocess.run(
        [*command, "serve", "--demo", "--port", "0", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # THEN it stops before serving, naming each missing part, without a traceback
    assert done.returncode == 1
    assert "incomplete" in done.stderr and "'survey' has no web module" in done.stderr
    assert "part of the phone page" in done.stderr and "export module" in done.stderr
    assert "Traceback" not in done.stderr and "Join:" not in done.stdout


def test_the_shared_modules_never_name_a_kind():
    """Outside each layer's kinds package, no module compares with or looks up a kind by its
    name (the demo data and sample fillers are the exception: they fill a known workshop)."""
    names = set(kinds.names())
    allowed = {"export/sample.py", "export/sample_sorted.py", "model/demos.py"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if "kinds/" in relative or "migrations/" in relative or relative in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                for side in [node.left, *node.comparators]:
                    if isinstance(side, ast.Constant) and side.value in names:
                        found.append(f"{relative}:{node.lineno} compares with {side.value!r}")
    assert found == []
