"""bench/pipeline.py end to end on a tiny day without history: it runs every stage and prints its JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

STAGES = {"pull", "validate", "evaluate", "examples", "metrics", "store", "drift", "analyse", "alert", "report", "index",
          "deliver"}  # fmt: skip


def test_the_harness_times_every_stage_and_the_run_side_by_side_and_compares_with_evidently(
    tmp_path: Path,
) -> None:
    command = [sys.executable, str(REPO / "bench" / "pipeline.py"), "--n", "2000", "--reference-n", "0",
               "--workdir", str(tmp_path), "--jobs", "2"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["n"] == 2000
    assert set(figures["stages"]) == STAGES and set(figures["stages_cpu"]) == STAGES
    assert figures["one_app_at_a_time"]["seconds"] >= sum(figures["stages"].values()) > 0
    assert figures["jobs"] == 2 and figures["seconds"] > 0
    assert figures["peak_rss_mb"] > 0
    assert figures["ratio_vs_evidently"] == figures["evidently_seconds"] / figures["seconds"]
    assert (tmp_path / "reports" / "2026-11-22" / "index.html").exists()
