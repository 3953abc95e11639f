"""constraints.txt pins exactly what CI and the frozen build install; pyproject.toml keeps the
lower bounds. The two stay in step: every dependency pyproject names (the app's, the tests',
the build's) is pinned within its bounds, and so is everything those bring in, at a version
that satisfies whatever requires it (read from the installed distributions' metadata)."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        pin = Requirement(line)
        [spec] = pin.specifier
        assert spec.operator == "==", f"{line}: a constraint pins one exact version"
        name = canonicalize_name(pin.name)
        assert name not in found, f"{pin.name} is pinned twice"
        found[name] = Version(spec.version)
    return found


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines += extra
    return [Requirement(line) for line in lines]


def applies(requirement: Requirement) -> bool:
    """True when the requirement is installed on this system without asking for an extra."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": ""})


def test_the_constraints_pin_one_version_of_each_distribution():
    assert len(pins()) > 40


def test_every_dependency_in_pyproject_is_pinned_within_its_bounds():
    pinned = pins()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is in pyproject.toml but not pinned"
        version = pinned[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"the pin {requirement.name}=={version} is outside pyproject's {requirement}"
        )


def test_everything_the_dependencies_bring_in_is_pinned_and_fits_what_requires_it():
    # GIVEN the pins and pyproject's dependencies
    pinned = pins()
    waiting = [r for r in declared() if applies(r)]
    seen: set[str] = set()
    checked = 0
    # WHEN following every requirement through the installed distributions' metadata
    while waiting:
        requirement = waiting.pop()
        name = canonicalize_name(requirement.name)
        # THEN each is pinned, at a version its dependent accepts
        assert name in pinned, f"{requirement.name} ({requirement}) is installed but not pinned"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"the pin {requirement.name}=={pinned[name]} does not satisfy {requirement}"
        )
        checked += 1
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            continue  # not installed here (e.g. the build's, before it is installed)
        waiting += [r for r in map(Requirement, dist.requires or []) if applies(r)]
    assert checked > len(declared())
