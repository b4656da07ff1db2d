"""Where report pages land: a local folder (written atomically) or any fsspec URL (s3://, gs://, memory://)."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import tempfile
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

DAY_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}")
PAGE_MODE = 0o644  # pages are published: readable by the web server, not only by the writer


def write_atomically(path: Path, text: str) -> None:
    """Write a local file so that readers see the old page or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as tmp:
        try:
            tmp.write(text)
        except BaseException:
            os.unlink(tmp.name)  # a failed write leaves neither half a page nor a stray temporary file
            raise
    os.chmod(tmp.name, PAGE_MODE)
    os.replace(tmp.name, path)


class Destination:
    """The report root: writes pages under it and lists the days it already holds."""

    def __init__(self, root: str) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(root)
        self.local = isinstance(self.fs, LocalFileSystem)

    def write(self, relative: str, text: str) -> str:
        """Write `text` at root/relative; returns where it went (a path, or a URL off the local disk)."""
        path = posixpath.join(self.root, relative)
        if self.local:
            write_atomically(Path(path), text)
            return path
        self.fs.pipe_file(path, text.encode("utf-8"))  # one object PUT: readers never see half of it
        return str(self.fs.unstrip_protocol(path))

    def days(self) -> list[dt.date]:
        """The days that have a folder of pages, oldest first."""
        if not self.fs.exists(self.root):
            return []
        names = {posixpath.basename(p.rstrip("/")) for p in self.fs.ls(self.root, detail=False)}
        return sorted(dt.date.fromisoformat(n) for n in names if DAY_FOLDER.fullmatch(n))
