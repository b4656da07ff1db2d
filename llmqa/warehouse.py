"""The warehouse: SQLAlchemy engines, the SQL files in sql/, and bulk partition writes."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from llmqa.config import TracesConfig

_PACKAGED_SQL = Path(__file__).parent / "sql"
SQL_DIR = _PACKAGED_SQL if _PACKAGED_SQL.is_dir() else Path(__file__).parent.parent / "sql"


@cache
def sql_file(name: str) -> str:
    """The text of sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


DUCKDB_LOCK_WAIT_SECONDS = 300.0
# Two threads opening the same file at once would both attach it, and one fails: they take turns.
_DUCKDB_OPENING = threading.Lock()


def _wait_for_duckdb_file(engine: sa.Engine) -> None:
    """A DuckDB file has one writing process at a time: a second run waits for it instead of failing."""

    @sa.event.listens_for(engine, "do_connect")
    def connect(dialect: Any, record: Any, cargs: Any, cparams: Any) -> Any:
        import duckdb

        deadline, wait = time.monotonic() + DUCKDB_LOCK_WAIT_SECONDS, 0.05
        while True:
            try:
                with _DUCKDB_OPENING:
                    return dialect.connect(*cargs, **cparams)
            except duckdb.IOException as error:
                if "lock" not in str(error).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(wait)
                wait = min(wait * 2, 1.0)


def connect_args_for(url: str) -> dict[str, Any]:
    """Driver options that make every session speak UTC."""
    return {"options": "-c timezone=UTC"} if url.startswith("postgresql") else {}


COPY_ROWS = 100_000  # rows per CSV chunk sent to PostgreSQL's COPY


def _from_text(column: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """A PostgreSQL CSV text column as `dtype`."""
    if dtype == pl.Boolean():
        return column == "t"
    if dtype == pl.Date():
        return column.str.to_date("%Y-%m-%d")
    if isinstance(dtype, pl.Datetime):
        return column.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us")
    if dtype.is_float():
        return column.str.replace("Infinity", "inf").cast(dtype, strict=False)
    return column.cast(dtype, strict=False)


def _compiled(conn: sa.Connection, sql: str, params: Mapping[str, Any]) -> Any:
    """`sql` compiled for the connection's driver with the parameters it names bound."""
    bound = {k: v for k, v in params.items() if re.search(rf":{k}\b", sql)}
    return sa.text(sql).bindparams(**bound).compile(dialect=conn.dialect)


def _at_least_one(
    frames: Iterator[pl.DataFrame], empty: Callable[[], pl.DataFrame]
) -> Iterator[pl.DataFrame]:
    """`frames`, or one `empty()` frame when there are none."""
    produced = False
    for frame in frames:
        produced = True
        yield frame
    if not produced:
        yield empty()


def _copy_out(
    conn: sa.Connection, sql: str, params: Mapping[str, Any], schema: Mapping[str, pl.DataType]
) -> pl.DataFrame:
    """Run a SELECT through PostgreSQL's COPY TO as CSV: far faster than fetching rows one by one."""
    compiled = _compiled(conn, sql, params)
    driver: Any = conn.connection.driver_connection
    buffer = io.BytesIO()
    with driver.cursor() as cursor:
        statement = f"COPY ({compiled.string}) TO STDOUT (FORMAT csv, HEADER)"
        with cursor.copy(statement, compiled.params) as copy:
            for block in copy:
                buffer.write(block)
    buffer.seek(0)
    text = pl.read_csv(buffer, infer_schema=False) if buffer.getbuffer().nbytes else pl.DataFrame()
    return text.select(_from_text(pl.col(c), schema.get(c, pl.String())).alias(c) for c in text.columns)


class Warehouse:
    """A SQLAlchemy engine plus the few operations llmqa needs, portable across dialects."""

    def __init__(self, url: str, traces: TracesConfig | None = None) -> None:
        self.url = url
        self.traces = traces or TracesConfig()
        self.engine = sa.create_engine(url, poolclass=NullPool, connect_args=connect_args_for(url))
        if self.dialect == "duckdb":
            _wait_for_duckdb_file(self.engine)

    @property
    def dialect(self) -> str:
        """The SQLAlchemy dialect name: duckdb, postgresql, ..."""
        return self.engine.dialect.name

    def quote(self, name: str) -> str:
        """Quote an identifier (optionally schema-qualified) for this dialect."""
        preparer = self.engine.dialect.identifier_preparer
        return ".".join(preparer.quote_identifier(part) for part in name.split("."))

    def render(self, name: str, **identifiers: str) -> str:
        """sql/<name>.sql with its {placeholders} replaced by already-quoted identifiers."""
        return sql_file(name).format(**identifiers)

    @contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        """One transaction: everything inside commits together or not at all."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def begin_locked(self, partition: str, within: str | None = None) -> Iterator[sa.Connection]:
        """One transaction that concurrent runs holding the same `partition` key take in turns; with
        `within`, it shares that key with other parts of it, and anything holding it alone waits."""
        with self.begin() as conn:
            if self.dialect == "postgresql":
                if within is not None:
                    conn.execute(sa.text(sql_file("lock_partition_shared")), {"partition": within})
                conn.execute(sa.text(sql_file("lock_partition")), {"partition": partition})
            yield conn

    def begin_partition(self, day: dt.date, app_id: str) -> AbstractContextManager[sa.Connection]:
        """One transaction over (day, app_id)'s results: a second run of the same partition waits its turn."""
        return self.begin_locked(f"{day}|{app_id}")

    def begin_segment(self, day: dt.date, app_id: str, segment: str) -> AbstractContextManager[sa.Connection]:
        """One transaction over a segment of (day, app_id): segments of one app run side by side, a
        second run of the same segment waits its turn, and so does anything over the whole app."""
        return self.begin_locked(f"{day}|{app_id}|{segment}", within=f"{day}|{app_id}")

    def create_schema(self) -> None:
        """Create llmqa's result tables if they do not exist (two runs starting at once take turns)."""
        with self.begin_locked("llmqa schema") as conn:
            for statement in _statements(sql_file("schema")) + _statements(sql_file("analytics_schema")):
                conn.exec_driver_sql(statement)

    def create_traces_table(self) -> None:
        """Create the traces table in the contract's own column names."""
        with self.begin() as conn:
            for statement in _statements(self.render("traces", traces=self.quote(self.traces.table))):
                conn.exec_driver_sql(statement)

    def read(
        self,
        sql: str,
        params: Mapping[str, Any],
        schema: Mapping[str, pl.DataType] | None = None,
        conn: sa.Connection | None = None,
    ) -> pl.DataFrame:
        """Run a SELECT with bound parameters and return it as a polars frame."""
        if conn is None:
            with self.engine.connect() as own:
                return self.read(sql, params, schema, own)
        if self.dialect == "postgresql" and schema is not None:
            return _copy_out(conn, sql, params, schema)
        result = conn.execute(sa.text(sql), dict(params))
        if self.dialect == "duckdb":
            frame = pl.from_arrow(result.cursor.fetch_arrow_table())
            assert isinstance(frame, pl.DataFrame)
            if schema is None:
                return frame
            return frame.cast({c: schema.get(c, pl.String()) for c in frame.columns}, strict=False)
        columns = list(result.keys())
        rows = result.fetchall()
        if schema is None:
            return pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
        return pl.DataFrame(
            rows, schema={c: schema.get(c, pl.String()) for c in columns}, orient="row", strict=False
        )

    def read_chunks(self, sql: str, params: Mapping[str, Any], rows: int) -> Iterator[pl.DataFrame]:
        """Run a SELECT on a connection of its own and yield its rows in frames of at most `rows`.

        DuckDB streams Arrow record batches, PostgreSQL fetches from a server-side cursor, so only
        one chunk is in memory at a time. A query without rows yields one empty frame.
        """
        with self.engine.connect() as conn:
            if self.dialect == "duckdb":
                reader = conn.execute(sa.text(sql), dict(params)).cursor.to_arrow_reader(rows)
                batches = (pl.DataFrame(pl.from_arrow(batch)) for batch in reader)
                yield from _at_least_one(
                    batches, lambda: pl.DataFrame(pl.from_arrow(reader.schema.empty_table()))
                )
            elif self.dialect == "postgresql":
                compiled = _compiled(conn, sql, params)
                driver: Any = conn.connection.driver_connection
                with driver.cursor(name="llmqa_chunks") as cursor:
                    cursor.execute(compiled.string, compiled.params)
                    columns = [column.name for column in cursor.description]
                    fetched = iter(lambda: cursor.fetchmany(rows), [])
                    frames = (
                        pl.DataFrame(r, schema=columns, orient="row", infer_schema_length=None)
                        for r in fetched
                    )
                    yield from _at_least_one(frames, lambda: pl.DataFrame(schema=columns))
            else:
                yield self.read(sql, params, conn=conn)

    def write(self, conn: sa.Connection, table: str, frame: pl.DataFrame) -> None:
        """Append a frame to a table in bulk (Arrow for DuckDB, COPY for PostgreSQL)."""
        if frame.height == 0:
            return
        target = self.quote(table)
        driver: Any = conn.connection.driver_connection
        if self.dialect == "duckdb":
            # A relation rather than register(): a registered view's Arrow data stays in memory after
            # unregister, so a transaction writing chunk after chunk would hold every chunk it wrote.
            order = driver.sql(f"SELECT * FROM {target} LIMIT 0").columns
            unknown = set(frame.columns) - set(order)
            if unknown:
                raise ValueError(f"table {table} has no column {', '.join(sorted(unknown))}")
            absent = [pl.lit(None).alias(c) for c in order if c not in frame.columns]
            driver.from_arrow(frame.with_columns(absent).select(order).to_arrow()).insert_into(target)
        elif self.dialect == "postgresql":
            columns = ", ".join(self.quote(c) for c in frame.columns)
            copy_in = f"COPY {target} ({columns}) FROM STDIN (FORMAT csv)"
            with driver.cursor() as cursor, cursor.copy(copy_in) as copy:
                for start in range(0, frame.height, COPY_ROWS):
                    copy.write(frame.slice(start, COPY_ROWS).write_csv(include_header=False, null_value=""))
        else:
            statement = sa.insert(sa.table(table, *(sa.column(c) for c in frame.columns)))
            conn.execute(statement, frame.to_dicts())

    def replace_partition(
        self, conn: sa.Connection, table: str, day: dt.date, app_id: str, frame: pl.DataFrame
    ) -> None:
        """Delete a table's rows for (day, app_id) and write `frame` in their place."""
        self.delete_partition(conn, table, day, app_id)
        self.write(conn, table, frame)

    def delete_partition(self, conn: sa.Connection, table: str, day: dt.date, app_id: str) -> None:
        """Delete a table's rows for (day, app_id)."""
        conn.execute(
            sa.text(self.render("delete_partition", table=self.quote(table))),
            {"day": day, "app_id": app_id},
        )

    def delete_segment(
        self, conn: sa.Connection, table: str, day: dt.date, app_id: str, prompt_version: str | None
    ) -> None:
        """Delete a table's rows for one prompt version of (day, app_id); None deletes those without one."""
        conn.execute(
            sa.text(self.render("delete_segment", table=self.quote(table))),
            {"day": day, "app_id": app_id, "prompt_version": prompt_version},
        )

    def replace_partition_stage(
        self, conn: sa.Connection, day: dt.date, app_id: str, stage: str, frame: pl.DataFrame
    ) -> None:
        """Replace the llmqa_runs record of one stage for (day, app_id)."""
        conn.execute(sa.text(self.render("delete_stage_run")), {"day": day, "app_id": app_id, "stage": stage})
        self.write(conn, "llmqa_runs", frame)
