"""The command line: seed, run, backfill with progress, and errors that say what is wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from llmqa.cli import main
from llmqa.embeddings import embeddings_installed
from llmqa.evaluators import REGISTRY
from tests.conftest import DAY, REPO, config_dict, skip_or_fail, write_config


def _llmqa(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "llmqa", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_seed_then_run_a_day_writes_the_report(duckdb_url: str, tmp_path: Path) -> None:
    config = write_config(tmp_path / "llmqa.yaml", config_dict(duckdb_url, tmp_path / "reports"))
    seeded = _llmqa("--config", str(config), "seed", "--end-day", str(DAY), "--days", "2",
                    "--traces-per-day", "200", cwd=tmp_path)  # fmt: skip
    assert seeded.returncode == 0, seeded.stderr
    assert "seeded" in seeded.stdout
    ran = _llmqa("--config", str(config), "run", "--day", str(DAY), "--app", "docs-qa", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "docs-qa: evaluate" in ran.stderr  # progress lines
    pages = sorted(p.name for p in (tmp_path / "reports" / str(DAY)).iterdir())
    assert "index.html" in pages and any(p.startswith("docs-qa--") for p in pages)


def test_backfill_runs_every_day_in_the_range(duckdb_url: str, tmp_path: Path) -> None:
    config = write_config(tmp_path / "llmqa.yaml", config_dict(duckdb_url, tmp_path / "reports"))
    assert (
        main(
            ["--config", str(config), "seed", "--end-day", str(DAY), "--days", "3", "--traces-per-day", "150"]
        )
        == 0
    )
    start = "2026-11-20"
    assert (
        main(
            ["--config", str(config), "backfill", "--start", start, "--end", str(DAY), "--app", "sales-email"]
        )
        == 0
    )
    days = sorted(p.name for p in (tmp_path / "reports").iterdir() if p.name[:1].isdigit())
    assert days == ["2026-11-20", "2026-11-21", "2026-11-22"]


def test_a_bad_config_exits_2_naming_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = config_dict("duckdb:///x.duckdb", tmp_path)
    data["reference"]["days"] = 0
    config = write_config(tmp_path / "bad.yaml", data)
    assert main(["--config", str(config), "run", "--day", str(DAY)]) == 2
    assert "reference.days" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()  # failed before any work


def test_an_unknown_app_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "llmqa.yaml", config_dict("duckdb:///x.duckdb", tmp_path))
    assert main(["--config", str(config), "run", "--day", str(DAY), "--app", "nope"]) == 2
    assert "apps.nope: not configured" in capsys.readouterr().err


def test_a_missing_traces_table_is_a_clear_error(
    duckdb_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "llmqa.yaml", config_dict(duckdb_url, tmp_path / "reports"))
    assert main(["--config", str(config), "run", "--day", str(DAY)]) == 1
    assert "cannot read traces table 'llm_traces'" in capsys.readouterr().err


def test_a_bad_date_is_rejected_by_the_parser(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", "--day", "22/11/2026"])
    assert exited.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_backfill_with_end_before_start_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "llmqa.yaml", config_dict("duckdb:///x.duckdb", tmp_path))
    assert main(["--config", str(config), "backfill", "--start", "2026-11-22", "--end", "2026-11-01"]) == 2
    assert "before --start" in capsys.readouterr().err


def test_evaluators_lists_every_registered_evaluator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluators"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1 : 1 + len(REGISTRY)]]
    assert listed == sorted(REGISTRY)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_evaluators_shows_config_lines_that_the_config_accepts(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    from llmqa.config import AppConfig

    if name == "semantic_similarity" and not embeddings_installed():
        skip_or_fail("the 'embeddings' extra, which semantic_similarity's options need, is not installed")
    assert main(["evaluators", name]) == 0
    shown = capsys.readouterr().out
    example = yaml.safe_load(shown.split("under apps.<app>.evaluators:\n", 1)[1])
    app = AppConfig.model_validate({"evaluators": example})
    assert list(app.evaluators) == [name]


def test_evaluators_shows_each_option_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluators", "groundedness"]) == 0
    assert "  slack_units = 12.0  units of allowance added to every answer" in capsys.readouterr().out


def test_an_unknown_evaluator_exits_2_naming_the_known(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluators", "groundednes"]) == 2
    assert "unknown evaluator 'groundednes'; known: answer_relevance" in capsys.readouterr().err


def test_every_evaluator_option_says_what_it_does() -> None:
    undescribed = [
        f"{name}.{key}"
        for name, evaluator in REGISTRY.items()
        for key, field in evaluator.options.model_fields.items()
        if not field.description
    ]
    assert undescribed == []
