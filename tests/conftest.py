"""Shared fixtures. Qt runs offscreen everywhere; every test gets its own data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from facilitator.model.service import Model, open_model  # noqa: E402


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def model(data_dir) -> Model:
    m = open_model(data_dir)
    yield m
    m.close()


@pytest.fixture
def demo_run(model):
    """A run of "Change Agents - session 1" (the bundled demo), just started."""
    from facilitator.model.demos import demo_workshop

    ws = demo_workshop(model.library)
    return model.runs.start(ws.id, place="Room 2", facilitator="Sam")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skip would hide a missing dependency: every skip becomes a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") and report.skipped:
        report.outcome = "failed"
        report.longrepr = (
            f"skipped in CI (install what this test needs in .ci/run): {report.longrepr}"
        )


@pytest.fixture
def browser():
    """Debian's headless Chromium driven by Playwright (its own browser download fails here)."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
