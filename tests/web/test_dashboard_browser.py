"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium via Playwright) against the real server
(uvicorn in a thread) on the hand-made store: pickers, chart, table, marked evidence, XSS shown as text."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from legation.web import ApiLimits, create_app

from .conftest import XSS_SENTENCE, XSS_TITLE, build_store

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e .[test])"
)
expect, sync_playwright = sync_api.expect, sync_api.sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (make browser installs it)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a uvicorn server on the hand-made store, stopped after the module."""
    import uvicorn

    store = build_store(tmp_path_factory.mktemp("browser") / "demo.duckdb")
    port = free_port()
    config = uvicorn.Config(
        create_app(store, limits=ApiLimits(rate=None)), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page that records dialogs and every host it requested (`page.seen_hosts`, `page.dialogs`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    hosts: set[str] = set()
    dialogs: list[str] = []
    tab.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.seen_hosts, tab.dialogs = hosts, dialogs
    yield tab
    context.close()


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def open_dashboard(page: Any, server: str, fragment: str = "") -> None:
    page.goto(f"{server}/{fragment}")
    page.wait_for_selector("body[data-ready='true']", timeout=15_000)


def test_dashboard_choosing_a_pair_fills_chart_and_table(page: Any, server: str) -> None:
    open_dashboard(page, server)
    page.select_option("#country", "FRA")
    expect(page.locator("#partner option[value='MLI']")).to_have_count(1)
    page.select_option("#partner", "MLI")
    expect(page.locator("#events-table tbody tr")).to_have_count(3)
    page.wait_for_selector("#chart svg rect.bar")
    assert page.locator("#chart svg rect.bar").count() >= 2
    assert page.locator("#chart svg polyline.mean-line").count() == 1
    assert page.locator("#partner-bars svg .partner-bar").count() == 2  # MLI and MAR
    assert "3 events" in page.locator("#page-info").text_content()
    screenshot(page, "pair")
    assert page.seen_hosts == {urlparse(server).netloc}


def test_dashboard_filter_narrows_the_table(page: Any, server: str) -> None:
    open_dashboard(page, server, "#country=FRA&partner=MLI")
    expect(page.locator("#events-table tbody tr")).to_have_count(3)
    page.select_option("#f-quad", "4")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    assert "MOBILIZE" in page.locator("#events-table tbody tr").first.text_content()


def test_dashboard_article_view_marks_the_evidence(page: Any, server: str) -> None:
    open_dashboard(page, server, "#country=FRA&partner=MLI")
    page.click("#events-table tbody tr[data-event-id='a3_protest:1:0']")
    current = page.wait_for_selector("#article-text mark.current")
    assert current.text_content() == "France moved troops toward Mali's border."
    assert page.locator("#article-text mark").count() == 3
    assert page.locator("#article-title").text_content() == "Mali protest"
    screenshot(page, "article")


def test_dashboard_shows_script_payload_as_text(page: Any, server: str) -> None:
    open_dashboard(page, server, "#country=MAR&partner=FRA")
    row = page.wait_for_selector("#events-table tbody tr[data-event-id='a4_xss:0:0']")
    assert "<img src=x onerror=alert(2)>" in row.text_content()
    row.click()
    page.wait_for_selector("#article-text mark.current")
    page.wait_for_timeout(300)  # give any injected handler time to fire
    assert page.locator("#article-title").text_content() == XSS_TITLE
    assert page.locator("#article-text mark.current").text_content() == XSS_SENTENCE
    assert page.locator("#article-text img, #article-text script, #events-table img").count() == 0
    assert page.dialogs == []
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    screenshot(page, "xss")


def test_docs_page_renders_offline(page: Any, server: str) -> None:
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert page.seen_hosts == {urlparse(server).netloc}
    screenshot(page, "docs")


@pytest.mark.parametrize(
    "target",
    ["/static/../../etc/passwd", "/static/..%2F..%2Fetc%2Fpasswd", "/api/articles/../../../etc/passwd"],
)
def test_server_raw_traversal_requests_are_404(server: str, target: str) -> None:
    address = urlparse(server)
    with socket.create_connection((address.hostname, address.port), timeout=5) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 404") and b"root:" not in reply
