"""How often `detect_language` names the right language, on Airflow's own UI translations.

Airflow (the `airflow` extra) ships the strings of its web UI translated by people into twenty
languages: real, labeled, mostly short texts, the hard case for a stopword detector. Per
language and per length in words, prints the share of texts called right, called wrong, and
not called (unknown: too little evidence). Languages the detector does not know (Catalan,
Hungarian, Polish, Turkish) should not be called at all: a wrong call is what raises a false
language_match alert, an uncalled text only goes unscored. Halves A and B are alternate
translation files, so that a change tuned to single strings shows as a gap. Ends with one
JSON line. Run:
    PYTHONPATH=. python bench/language.py
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from llmqa.evaluators.language import LANGUAGES, SCRIPTS, detect_language

LENGTHS = {"1-2": (1, 2), "3-5": (3, 5), "6-10": (6, 10), "11+": (11, 10_000)}


def locales_dir() -> Path:
    """Where the installed Airflow keeps its UI translations."""
    try:
        import airflow
    except ImportError:
        raise SystemExit(
            "bench/language.py reads Airflow's UI translations: pip install -e '.[airflow]'"
        ) from None
    return Path(airflow.__file__).parent / "ui" / "dist" / "i18n" / "locales"


def translations(root: Path) -> pl.DataFrame:
    """One row per translated string: its language (ISO 639-1), half (alternate files), text and
    word count."""
    rows = []
    for index, path in enumerate(sorted(root.glob("*/*.json"))):
        language = path.parent.name.split("-")[0]
        rows += [(language, index % 2, text) for text in strings(json.loads(path.read_text()))]
    frame = pl.DataFrame(rows, schema=["language", "half", "text"], orient="row")
    text = pl.col("text").str.replace_all(r"\{\{\w+\}\}", "").str.strip_chars()
    return frame.with_columns(text).with_columns(pl.col("text").str.split(" ").list.len().alias("words"))


def strings(node: object) -> list[str]:
    """Every string value in a nested JSON object."""
    if isinstance(node, dict):
        return [text for value in node.values() for text in strings(value)]
    return [node] if isinstance(node, str) else []


def calls(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with the detector's call per text and whether it is right, wrong or none."""
    called = frame.with_columns(detect_language(frame["text"]).alias("called"))
    return called.with_columns(
        pl.when(pl.col("called").is_null())
        .then(pl.lit("none"))
        .when(pl.col("called") == pl.col("language"))
        .then(pl.lit("right"))
        .otherwise(pl.lit("wrong"))
        .alias("outcome")
    )


def shares(frame: pl.DataFrame) -> dict[str, float]:
    """Share of rows per outcome, and their count."""
    outcome = frame["outcome"]
    return {"n": frame.height} | {
        name: float((outcome == name).mean() or 0.0) for name in ("right", "wrong", "none")
    }


def by_length(frame: pl.DataFrame) -> dict[str, dict[str, float]]:
    """`shares` for each length bucket."""
    return {name: shares(frame.filter(pl.col("words").is_between(*span))) for name, span in LENGTHS.items()}


def figures(frame: pl.DataFrame) -> dict[str, dict[str, dict[str, float]]]:
    """`by_length` of the called `frame` for the Latin-script languages (all, and each half), the
    other scripts, and the languages the detector does not know."""
    known = frame.filter(pl.col("language").is_in(LANGUAGES))
    latin = known.filter(~pl.col("language").is_in(list(SCRIPTS)))
    return {
        "latin_script": by_length(latin),
        "latin_script_half_a": by_length(latin.filter(pl.col("half") == 0)),
        "latin_script_half_b": by_length(latin.filter(pl.col("half") == 1)),
        "other_scripts": by_length(known.filter(pl.col("language").is_in(list(SCRIPTS)))),
        "unknown_languages_called": by_length(frame.filter(~pl.col("language").is_in(LANGUAGES))),
    }


def main() -> int:
    """Print the tables and the closing JSON line."""
    frame = calls(translations(locales_dir()))
    print("per language, texts of 3 words or more: right / wrong / not called")
    for language in sorted(frame["language"].unique()):
        s = shares(frame.filter((pl.col("language") == language) & (pl.col("words") >= 3)))
        mark = "" if language in LANGUAGES else "  (not a known language: any call is wrong)"
        print(
            f"  {language:3s} {int(s['n']):5d}  {s['right']:.3f} / {s['wrong']:.3f} / {s['none']:.3f}{mark}"
        )
    table = figures(frame)
    print("\nby length in words: right / wrong / not called (n)")
    print(f"  {'':26s}" + "".join(f"{name:>30s}" for name in LENGTHS))
    for group, row in table.items():
        cells = "".join(
            f"{t['right']:.3f} / {t['wrong']:.3f} / {t['none']:.3f} ({int(t['n']):4d})".rjust(30)
            for t in row.values()
        )
        print(f"  {group:26s}{cells}")
    print(json.dumps({"language_detection": table}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
