"""End to end: `podium serve` in headless Chromium; a key press in the page turns the slide.

The browser draws the terminal on a canvas, so the test reads what the served podium sends over
the page's websocket: the slide text travels there as terminal output.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.markers import chromium_path
from tests.support.waiting import wait_until
from tui.domain.walk import Walk

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = chromium_path() or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for_port(port: int, seconds: float = 30) -> None:
    wait_until(lambda: listening(port), seconds, every=0.1, message=f"podium serve never listened on port {port}")


@pytest.fixture
def served(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PODIUM_RUNTIME_DIR": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--port", str(port), "--seed", "1"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port)
        yield f"http://localhost:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_browser_shows_the_deck_and_a_key_turns_the_slide(served: str, guide) -> None:
    from playwright.sync_api import sync_playwright

    deck = guide.deck
    first_title = deck.title
    second = Walk(deck).pages[1]
    second_title = deck.sections[second.section].slides[second.slide].title
    received: list[bytes] = []

    def on_websocket(ws) -> None:
        ws.on("framereceived", lambda frame: received.append(frame if isinstance(frame, bytes)
                                                             else frame.encode("utf-8", "replace")))

    def seen(text: str) -> bool:
        return text.encode("utf-8") in b"".join(received)

    def wait_for_text(text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not seen(text) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        return seen(text)

    def wait_until(text: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not seen(text):
            assert time.monotonic() < deadline, f"{text!r} never reached the page"
            page.wait_for_timeout(100)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("websocket", on_websocket)
            page.goto(served)
            assert page.locator(".textual-terminal").count() == 1
            wait_until(first_title)
            assert not seen(second_title)
            page.click(".textual-terminal")
            # Right, again until the app has read it: on a loaded machine a key typed as the first
            # frame arrives may come before the app reads keys (more Rights still show page 2 on the way).
            for _ in range(5):
                page.keyboard.press("ArrowRight")
                if wait_for_text(second_title, 15):
                    break
            assert seen(second_title), f"{second_title!r} never reached the page"
        finally:
            browser.close()
