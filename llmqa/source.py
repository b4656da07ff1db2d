"""Pulling one app's traces for one day from the warehouse, mapped onto the trace contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import polars as pl
import sqlalchemy as sa

from llmqa.conform import conform
from llmqa.contract import REQUIRED_COLUMNS, TRACE_COLUMNS
from llmqa.warehouse import Warehouse


class SourceError(RuntimeError):
    """The traces table cannot be read as the trace contract."""


@dataclass(frozen=True)
class PromptVersion:
    """One prompt version of an app-day, the unit a fanned-out app is evaluated in (None: traces without one)."""

    value: str | None

    def matches(self) -> pl.Expr:
        """The rows of this version, a missing version matching None."""
        return pl.col("prompt_version").eq_missing(pl.lit(self.value, pl.String))


def day_window(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The half-open UTC interval [day, day + 1) as naive UTC datetimes."""
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def _available_columns(wh: Warehouse) -> set[str]:
    sql = wh.render("traces_columns", traces=wh.quote(wh.traces.table))
    try:
        with wh.engine.connect() as conn:
            return set(conn.execute(sa.text(sql)).keys())
    except (sa.exc.ProgrammingError, sa.exc.OperationalError) as error:
        raise SourceError(f"cannot read traces table {wh.traces.table!r}: {error.orig}") from None


def _select_list(wh: Warehouse, wanted: Collection[str]) -> str:
    """Contract columns aliased from their mapped names; absent optional columns, and those not
    `wanted`, read as NULL."""
    available = _available_columns(wh)
    missing = [c for c in REQUIRED_COLUMNS if wh.traces.source_column(c) not in available]
    if missing:
        names = [wh.traces.source_column(c) for c in missing]
        raise SourceError(
            f"traces table {wh.traces.table!r} lacks required column(s) {names}; "
            "map them under traces.columns in the config"
        )
    unmapped = sorted(c for c, source in wh.traces.columns.items() if source not in available)
    if unmapped:
        raise SourceError(
            f"traces.columns.{unmapped[0]}: table {wh.traces.table!r} has no column "
            f"{wh.traces.columns[unmapped[0]]!r}"
        )
    parts = []
    for column in TRACE_COLUMNS:
        source = wh.traces.source_column(column)
        expression = wh.quote(source) if source in available and column in wanted else "NULL"
        parts.append(f"{expression} AS {wh.quote(column)}")
    return ", ".join(parts)


def traces_query(wh: Warehouse, name: str, wanted: Collection[str] = TRACE_COLUMNS) -> str:
    """The query file `name` over the mapped traces table: contract columns (NULL unless `wanted`),
    app id and ts filled in as identifiers."""
    return wh.render(
        name,
        columns=_select_list(wh, wanted),
        traces=wh.quote(wh.traces.table),
        trace_id=wh.quote(wh.traces.source_column("trace_id")),
        app_id=wh.quote(wh.traces.source_column("app_id")),
        ts=wh.quote(wh.traces.source_column("ts")),
        prompt_version=wh.quote(wh.traces.source_column("prompt_version")),
    )


def trace_chunks(
    wh: Warehouse,
    day: dt.date,
    app_id: str,
    version: PromptVersion | None = None,
    *,
    through: dt.date | None = None,
    wanted: Collection[str] = TRACE_COLUMNS,
) -> Iterator[pl.DataFrame]:
    """The app's traces with ts in [day, (through or day) + 1) UTC (of one prompt `version`, if given)
    conformed to the contract, in chunks of at most `traces.chunk_rows` rows; the columns not
    `wanted` are left null.

    The rows whose trace_id recurs in the window come first, together in one chunk, so each
    chunk's validation sees every duplicate beside the rows it duplicates: for one version that
    chunk holds the duplicates of every version, since which copy is kept depends on them all.
    """
    start, end = day_window(day)[0], day_window(through or day)[1]
    params = {"app_id": app_id, "start": start, "end": end}
    duplicated = wh.read(traces_query(wh, "pull_duplicated_traces", wanted), params)
    params |= {"whole_app": version is None, "prompt_version": version.value if version else None}
    if duplicated.height:
        yield conform(duplicated)
    for chunk in wh.read_chunks(traces_query(wh, "pull_unique_traces", wanted), params, wh.traces.chunk_rows):
        yield conform(chunk)


def pull_traces(
    wh: Warehouse, day: dt.date, app_id: str, *, through: dt.date | None = None, query: str = "pull_traces"
) -> pl.DataFrame:
    """Traces of `app_id` with ts in [day, (through or day) + 1) UTC, conformed to the contract's types:
    all of them, or those `query` selects."""
    start, end = day_window(day)[0], day_window(through or day)[1]
    params = {"app_id": app_id, "start": start, "end": end, "first": day, "last": through or day}
    return conform(wh.read(traces_query(wh, query), params))


def apps_in_day(wh: Warehouse, day: dt.date) -> list[str]:
    """The app ids that logged traces on `day`."""
    start, end = day_window(day)
    sql = wh.render(
        "apps_in_day",
        traces=wh.quote(wh.traces.table),
        app_id=wh.quote(wh.traces.source_column("app_id")),
        ts=wh.quote(wh.traces.source_column("ts")),
    )
    return wh.read(sql, {"start": start, "end": end})["app_id"].to_list()


def prompt_versions_in_day(wh: Warehouse, day: dt.date, app_id: str) -> list[PromptVersion]:
    """The prompt versions `app_id` logged traces with on `day`, a missing version included as None."""
    start, end = day_window(day)
    sql = traces_query(wh, "prompt_versions_in_day")
    values = wh.read(sql, {"app_id": app_id, "start": start, "end": end})["prompt_version"]
    return [PromptVersion(value) for value in values.to_list()]
