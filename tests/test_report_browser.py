"""Report pages as a person sees them: opened in headless Chromium, offline, executing nothing from a trace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from llmqa.config import load_config
from llmqa.pipeline import run_day
from llmqa.report.render import page_name
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, REPO, config_dict, skip_or_fail, write_config
from tests.test_report_pages import add_hostile_trace

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
ARTIFACTS = REPO / "tests" / "artifacts"
WIDTHS = {"laptop": 1366, "phone": 390}
HOSTILE_PAGE = page_name("support-bot", "v2")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three days of reports (every failing trace kept), one of them holding a hostile trace."""
    tmp = tmp_path_factory.mktemp("browser")
    data = config_dict(f"duckdb:///{tmp / 'warehouse.duckdb'}", tmp / "reports")
    data["report"]["worst_traces"] = 500
    cfg = load_config(write_config(tmp / "llmqa.yaml", data))
    wh = Warehouse(cfg.warehouse.resolved_url(), cfg.traces)
    seed_warehouse(wh, DAY, days=3, traces_per_day=700, seed=11)
    wh.create_schema()
    add_hostile_trace(wh)
    for back in (2, 1, 0):
        run_day(cfg, wh, DAY - dt.timedelta(days=back), list(cfg.apps))
    return Path(cfg.report.dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened with every request recorded and every one but the page itself blocked."""

    def __init__(self, browser: Any, path: Path, width: int = 1366, bypass_csp: bool = False) -> None:
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.page.route(
            "**/*", lambda route: route.continue_() if route.request.url == self.url else route.abort()
        )
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(self.url)

    def links(self) -> list[str]:
        """The absolute targets of the page's links, fragments dropped."""
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        return [h.split("#")[0] for h in hrefs if h.split("#")[0] != self.url]

    def close(self) -> None:
        """Close the page and its context."""
        self.context.close()


def test_every_page_loads_offline_without_errors(browser: Any, reports: Path) -> None:
    for path in sorted(reports.rglob("*.html")):
        visit = Visit(browser, path)
        assert visit.requests == [visit.url], path
        assert visit.errors == [], path
        visit.close()


def test_the_index_of_days_links_reach_every_page(browser: Any, reports: Path) -> None:
    start = (reports / "index.html").as_uri()
    seen, queue = {start}, [start]
    while queue:
        visit = Visit(browser, Path(queue.pop().removeprefix("file://")))
        for link in visit.links():
            assert Path(link.removeprefix("file://")).is_file(), f"broken link {link} on {visit.url}"
            if link not in seen and link.endswith(".html"):  # other files (review CSVs) download
                seen.add(link)
                queue.append(link)
        visit.close()
    assert seen == {p.resolve().as_uri() for p in reports.rglob("*.html")}


def test_latest_points_at_the_newest_day(browser: Any, reports: Path) -> None:
    visit = Visit(browser, reports / "latest" / "index.html")
    pages = [link for link in visit.links() if link != (reports / "index.html").as_uri()]
    assert pages and all(f"/{DAY.isoformat()}/" in link for link in pages)
    visit.close()


def test_a_hostile_trace_executes_nothing_even_without_the_csp(browser: Any, reports: Path) -> None:
    visit = Visit(browser, reports / DAY.isoformat() / HOSTILE_PAGE, bypass_csp=True)
    visit.page.click("text=more failing traces")
    assert visit.page.evaluate("() => window.__pwned") is None
    assert visit.dialogs == []
    assert "<script>window.__pwned" in visit.page.inner_text("#traces")
    assert visit.page.locator("#traces img, #traces script").count() == 0
    visit.close()


def test_a_javascript_link_in_a_trace_is_only_text(browser: Any, reports: Path) -> None:
    visit = Visit(browser, reports / DAY.isoformat() / HOSTILE_PAGE, bypass_csp=True)
    visit.page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")
    hrefs = visit.page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if h.strip().lower().startswith("javascript:")]
    assert "(javascript:window.__pwned=1)" in visit.page.inner_text("#traces")
    assert visit.page.evaluate("() => window.__pwned") is None and visit.dialogs == []
    visit.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_pages_fit_the_screen_and_are_saved_as_screenshots(browser: Any, reports: Path, device: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    folder = reports / DAY.isoformat()
    for path in [folder / "index.html", folder / HOSTILE_PAGE, folder / page_name("docs-qa", "v1")]:
        visit = Visit(browser, path, width=WIDTHS[device])
        overflow = visit.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path.name} scrolls sideways by {overflow}px on a {device}"
        visit.page.screenshot(path=ARTIFACTS / f"{path.stem}-{device}.png", full_page=True)
        visit.close()
