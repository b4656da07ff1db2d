"""Rendering the analytics' own pages (review sample, compare) in the look of the report pages."""

from __future__ import annotations

from functools import cache

import jinja2


@cache
def _environment() -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PackageLoader("llmqa.analytics", "templates"),
            jinja2.PackageLoader("llmqa.report", "templates"),
        ]
    )
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)  # fmt: skip


def render(template: str, **context: object) -> str:
    """Render one of llmqa/analytics/templates; it may extend the report's base.html.j2."""
    return _environment().get_template(template).render(**context)
