"""The judge's SQLite file: verdicts cached by content, and each day's spending per judge."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from llmqa.judge.parse import Verdict

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, score REAL, reason TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS spending ("
    " day TEXT NOT NULL, judge TEXT NOT NULL, calls INTEGER NOT NULL, cost_usd REAL NOT NULL,"
    " PRIMARY KEY (day, judge))",
)


class Spend(NamedTuple):
    """Calls made and their estimated cost."""

    calls: int
    cost_usd: float


def content_key(model: str, system: str, template: str, values: dict[str, str | None]) -> str:
    """A hash of everything that decides the judge's answer: model, instructions and trace text."""
    payload = json.dumps([model, system, template, sorted(values.items())], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


class JudgeStore:
    """Verdicts and spending in one SQLite file, safe to share between processes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")  # commits without a full sync each: cheap
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._db:
            for statement in SCHEMA:
                self._db.execute(statement)

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def lookup(self, keys: Iterable[str]) -> dict[str, Verdict]:
        """The cached verdicts among `keys`."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Verdict] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, score, reason FROM verdicts WHERE key IN ({marks})", chunk)
            found.update({key: Verdict(score, reason) for key, score, reason in rows})
        return found

    def save(self, key: str, verdict: Verdict) -> None:
        """Cache one verdict."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO verdicts (key, score, reason) VALUES (?, ?, ?)",
                (key, verdict.score, verdict.reason),
            )

    def spent(self, day: str, judge: str) -> Spend:
        """What `judge` has spent on `day` so far."""
        row = self._db.execute(
            "SELECT calls, cost_usd FROM spending WHERE day = ? AND judge = ?", (day, judge)
        ).fetchone()
        return Spend(*row) if row else Spend(0, 0.0)

    def charge(self, day: str, judge: str, spend: Spend) -> None:
        """Add one call's spending to the day's total."""
        with self._db:
            self._db.execute(
                "INSERT INTO spending (day, judge, calls, cost_usd) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (day, judge) DO UPDATE SET calls = calls + excluded.calls,"
                " cost_usd = cost_usd + excluded.cost_usd",
                (day, judge, spend.calls, spend.cost_usd),
            )
