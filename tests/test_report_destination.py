"""Where reports land: a local folder written atomically and readable, or any fsspec URL."""

from __future__ import annotations

import stat
import uuid
from pathlib import Path

import fsspec
import pytest

from llmqa.config import ConfigError, load_config
from llmqa.pipeline import run_day
from llmqa.report.destination import Destination
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, config_dict, write_config


def test_local_pages_are_complete_files_readable_by_a_web_server(tmp_path: Path) -> None:
    destination = Destination(str(tmp_path / "reports"))
    written = destination.write(f"{DAY}/index.html", "<p>one</p>")
    destination.write(f"{DAY}/index.html", "<p>two</p>")
    assert Path(written).read_text() == "<p>two</p>"
    assert stat.S_IMODE(Path(written).stat().st_mode) == 0o644
    assert [p.name for p in Path(written).parent.iterdir()] == ["index.html"]  # no temporary file left


def test_days_are_the_dated_folders_only(tmp_path: Path) -> None:
    destination = Destination(str(tmp_path))
    for relative in (f"{DAY}/index.html", "latest/index.html", "index.html", "2026-11-20/a.html"):
        destination.write(relative, "x")
    assert [d.isoformat() for d in destination.days()] == ["2026-11-20", DAY.isoformat()]


def test_a_day_can_be_published_to_an_fsspec_url(duckdb_url: str, tmp_path: Path) -> None:
    root = f"memory://llmqa-{uuid.uuid4().hex[:8]}/reports"
    cfg = load_config(_config_file(tmp_path, duckdb_url, root))
    wh = Warehouse(duckdb_url, cfg.traces)
    seed_warehouse(wh, DAY, days=1, traces_per_day=300, seed=3)
    summaries = run_day(cfg, wh, DAY, ["sales-email"])
    fs = fsspec.filesystem("memory")
    [page] = next(s for s in summaries if s.stage == "report").detail["pages"]
    assert page.startswith("memory://") and "<svg" in fs.cat(page).decode()
    review = f"{DAY}/review/sales-email--review"
    for relative in (
        f"{DAY}/index.html",
        "latest/index.html",
        "index.html",
        f"{review}.html",
        f"{review}.csv",
    ):
        assert fs.exists(f"{root}/{relative}"), relative
    assert not list(tmp_path.glob("**/*.html")) and not Path("memory:").exists()


def _config_file(folder: Path, url: str, report_dir: str) -> Path:
    data = config_dict(url, folder)
    data["report"]["dir"] = report_dir
    return write_config(folder / "llmqa.yaml", data)


def test_a_report_url_is_not_resolved_against_the_config_folder(duckdb_url: str, tmp_path: Path) -> None:
    cfg = load_config(_config_file(tmp_path, duckdb_url, "memory://team/reports"))
    assert cfg.report.dir == "memory://team/reports"


def test_an_unknown_report_protocol_stops_before_any_work(duckdb_url: str, tmp_path: Path) -> None:
    path = _config_file(tmp_path, duckdb_url, "nosuchfs://bucket/reports")
    with pytest.raises(ConfigError, match=r"report\.dir: cannot write reports to nosuchfs://"):
        load_config(path)
