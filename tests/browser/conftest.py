"""A real browser: Playwright for Python driving Debian's Chromium.

Without Chromium (or Playwright) these tests skip with a message; in CI a skip fails.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def real_data(transactional_db) -> None:
    call_command("load_review_data", verbosity=0)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    script = NODE_MODULES / "axe-core" / "axe.min.js"
    if not script.exists():
        pytest.skip("axe-core not installed: run `npm ci` in the project folder")
    return script


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    java = shutil.which("java")
    if not jar.exists() or not java:
        pytest.skip("vnu-jar or Java missing: run `npm ci` and install a Java runtime")
    return [java, "-jar", str(jar)]
