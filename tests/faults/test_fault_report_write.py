"""A report write that dies half-way: readers see the old page or the new one, never a part of one."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from llmqa.report.destination import Destination
from tests.conftest import REPO

OLD = "<html>yesterday's complete page</html>"
LIMIT = 1_000_000
WRITER = """
import signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it by default; the kernel's default kills
from llmqa.report.destination import Destination
Destination(sys.argv[1]).write("2026-11-22/index.html", "<html>" + "x" * 5_000_000 + "</html>")
"""


def _file_size_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def test_a_writer_killed_mid_write_leaves_the_old_page(tmp_path: Path) -> None:
    page = tmp_path / "2026-11-22" / "index.html"
    page.parent.mkdir()
    page.write_text(OLD, encoding="utf-8")
    # The kernel kills the writer (SIGXFSZ) the moment its file passes LIMIT bytes: mid-write, every time.
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(tmp_path)], cwd=REPO, preexec_fn=_file_size_limit
    )
    assert writer.returncode == -signal.SIGXFSZ
    assert [p.stat().st_size for p in page.parent.glob("*.tmp")] == [LIMIT]  # it died half-way
    assert page.read_text(encoding="utf-8") == OLD


def test_a_write_that_fails_part_way_leaves_the_old_page_and_no_temporary_file(tmp_path: Path) -> None:
    page = tmp_path / "2026-11-22" / "index.html"
    page.parent.mkdir()
    page.write_text(OLD, encoding="utf-8")
    unencodable = "<html>" + "x" * 100_000 + "\ud800</html>"  # a lone surrogate has no UTF-8 form
    with pytest.raises(UnicodeEncodeError):
        Destination(str(tmp_path)).write("2026-11-22/index.html", unencodable)
    assert page.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in page.parent.iterdir()) == ["index.html"]
