"""One real browser (Debian's chromium, driven by Playwright) on the served seeds."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

import storyline
from storyline.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("served-seeds")
    storyline.run([SEEDS], out=out)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(out), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_click_into_the_seeds_story_and_see_facts_and_provenance(
    served: str, tmp_path: Path
) -> None:
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(served + "/")
        page.get_by_role("link", name="Taliban").first.click()
        page.wait_for_url("**/stories/*")
        assert page.locator(".provenance-tree").is_visible()
        assert page.locator(".fact-table").is_visible()
        assert "compatible" in page.locator(".fact-table").inner_text()
        assert "003_f07694c2c2caf22c" in page.locator(".provenance-tree").inner_text()
        page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
        browser.close()
    assert (tmp_path / "story.png").stat().st_size > 10_000
