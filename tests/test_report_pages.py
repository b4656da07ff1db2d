"""Report pages: one per app × prompt version, linked from the day's index, untrusted text escaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl

from llmqa.config import Config
from llmqa.contract import TRACE_SCHEMA
from llmqa.pipeline import run_day
from llmqa.report.render import highlight, page_name, render_app_pages
from llmqa.warehouse import Warehouse
from tests.conftest import DAY


def add_hostile_trace(wh: Warehouse) -> None:
    """A support-bot v2 trace on DAY whose input and output try to run script, and that leaks an email."""
    row = {c: None for c in TRACE_SCHEMA} | {
        "trace_id": "evil-1", "ts": dt.datetime.combine(DAY, dt.time(10)), "app_id": "support-bot",
        "prompt_version": "v2", "model": "gpt-4o-mini", "status": "ok", "context": "Plans cost $49.",
        "input": '<img src=x onerror="window.__pwned=1;alert(1)">', "finish_reason": "stop",
        "output": "<script>window.__pwned=1;alert('x')</script> The plan costs $99, mail jane.doe@example.com "
                  '[pay here](javascript:window.__pwned=1) <a href="javascript:window.__pwned=1">pay</a>',
    }  # fmt: skip
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, pl.DataFrame([row], schema=TRACE_SCHEMA))


def test_the_index_links_to_a_page_per_app_and_version(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, list(config.apps))
    folder = Path(config.report.dir) / DAY.isoformat()
    links = set(re.findall(r'href="([^"/]+\.html)"', (folder / "index.html").read_text()))
    pages = {p.name for p in folder.glob("*.html")} - {"index.html"}
    assert links == pages
    versions = seeded.read("SELECT DISTINCT app_id, prompt_version FROM llmqa_scores", {})
    assert len(pages) == versions.height


def test_untrusted_text_is_escaped_and_pii_redacted(config: Config, seeded: Warehouse) -> None:
    add_hostile_trace(seeded)
    run_day(config, seeded, DAY, ["support-bot"])
    html = (Path(config.report.dir) / DAY.isoformat() / page_name("support-bot", "v2")).read_text()
    assert "evil-1" in html
    unmarked = html.replace("<mark>", "").replace("</mark>", "")  # unsupported spans are marked inside it
    assert "<script>window" not in unmarked and "&lt;script&gt;window" in unmarked
    assert "<img src=x" not in html
    assert "jane.doe@example.com" not in html and "[EMAIL]" in html


def test_a_worst_trace_marks_the_unsupported_spans_of_its_answer(config: Config, seeded: Warehouse) -> None:
    add_hostile_trace(seeded)  # answers "The plan costs $99" where the context says "Plans cost $49."
    run_day(config, seeded, DAY, ["support-bot"])
    html = (Path(config.report.dir) / DAY.isoformat() / page_name("support-bot", "v2")).read_text()
    evil = html[html.index("evil-1") :]
    marked = re.findall("<mark>(.*?)</mark>", evil[: evil.index('<div class="trace">')])
    assert "99" in marked and not any("plan" in m.lower() or "costs" in m for m in marked)


def test_pages_load_nothing_from_the_network(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["docs-qa"])
    for page in (Path(config.report.dir) / DAY.isoformat()).glob("*.html"):
        html = page.read_text()
        assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', html), page.name
        assert "<svg" in html or page.name == "index.html"


def test_page_names_are_safe_whatever_the_ids() -> None:
    name = page_name("app/../x", "v1 'quoted'")
    assert re.fullmatch(r"[A-Za-z0-9._-]+\.html", name)
    assert Path(name).name == name
    assert page_name("app/x", "v1") != page_name("app_x", "v1")


def test_unsupported_spans_are_marked_after_escaping() -> None:
    marked = str(highlight("<b>The plan costs $99.</b>", "plan costs 99"))
    assert marked == "&lt;b&gt;The <mark>plan costs $99</mark>.&lt;/b&gt;"


def test_spans_in_normalised_words_are_marked_in_the_text_as_written() -> None:
    text = "It doesn't cost $1,200: support is 24/7 and Canada’s team answers. The plan costs 1200 euros."
    marked = str(highlight(text, "does not cost 1200 | 24 7 | canada's"))
    assert re.findall("<mark>(.*?)</mark>", marked) == ["doesn&#39;t cost $1,200", "24/7", "Canada’s"]


def test_the_index_of_days_lists_every_day_and_latest_stays_on_the_newest(
    config: Config, seeded: Warehouse
) -> None:
    yesterday = DAY - dt.timedelta(days=1)
    for day in (yesterday, DAY, yesterday):
        run_day(config, seeded, day, ["sales-email"])
    root = Path(config.report.dir)
    days = re.findall(r'href="(\d{4}-\d{2}-\d{2})/index.html"', (root / "index.html").read_text())
    assert days == [DAY.isoformat(), yesterday.isoformat()]
    latest = set(re.findall(r'href="\.\./([^"]+\.html)"', (root / "latest" / "index.html").read_text()))
    assert latest == {"index.html", f"{DAY}/{page_name('sales-email', 'v1')}"}


def test_failure_reasons_quoting_the_answer_are_redacted(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["support-bot"])
    leaked = pl.DataFrame({"day": [DAY] * 200, "app_id": "support-bot", "trace_id": [f"x{i}" for i in range(200)],
                           "prompt_version": "v2", "model": "gpt-4o", "evaluator": "groundedness", "score": 0.0,
                           "passed": False, "reason": [f"unsupported: write to jane.doe@example.com {i % 2}" for i in range(200)]})  # fmt: skip
    with seeded.begin() as conn:
        seeded.write(conn, "llmqa_scores", leaked)
    [page] = [
        p
        for p in render_app_pages(config, seeded, DAY, "support-bot")
        if p.endswith(page_name("support-bot", "v2"))
    ]
    html = Path(page).read_text()
    assert "unsupported: write to [EMAIL]" in html and "jane.doe" not in html


def test_an_email_split_into_sentence_fragments_is_still_redacted(config: Config, seeded: Warehouse) -> None:
    add_hostile_trace(seeded)  # groundedness quotes its output as "... mail jane. | doe@example. | com"
    run_day(config, seeded, DAY, ["support-bot"])
    html = (Path(config.report.dir) / DAY.isoformat() / page_name("support-bot", "v2")).read_text()
    assert "evil-1" in html
    assert "doe@example" not in html


def test_the_traces_without_a_score_are_listed_with_why(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["docs-qa"])
    html = (Path(config.report.dir) / DAY.isoformat() / page_name("docs-qa", "v2")).read_text()
    listed = dict(re.findall(r'<li data-evaluator="([^"]+)">.*?most often: ([^)<]*)\)', html))
    assert listed["false_abstention"] == "the answer does not abstain"
    assert "no reason given" not in listed.values()
