"""Self-contained HTML reports: a page per app × prompt version and an index per day."""

from llmqa.report.render import render_app_pages, render_day_index

__all__ = ["render_app_pages", "render_day_index"]
