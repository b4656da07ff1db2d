"""Warehouse URLs from Airflow connections (Airflow is imported only when one is configured)."""

from __future__ import annotations

from llmqa.config import Config
from llmqa.warehouse import Warehouse

SCHEMES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}


def airflow_connection_url(conn_id: str) -> str:
    """A SQLAlchemy URL for an Airflow connection: its `sqlalchemy_url` extra, else its URI."""
    from airflow.sdk import BaseHook

    connection = BaseHook.get_connection(conn_id)
    explicit = connection.extra_dejson.get("sqlalchemy_url")
    if explicit:
        return str(explicit)
    scheme, _, rest = connection.get_uri().partition("://")
    return f"{SCHEMES.get(scheme, scheme)}://{rest}"


def open_warehouse(cfg: Config) -> Warehouse:
    """The configured warehouse: an Airflow connection when one is named, else the URL."""
    conn_id = cfg.warehouse.airflow_conn_id
    url = airflow_connection_url(conn_id) if conn_id else cfg.warehouse.resolved_url()
    return Warehouse(url, cfg.traces)
