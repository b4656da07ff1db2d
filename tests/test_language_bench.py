"""bench/language.py on Airflow's UI translations: the detector calls texts right and rarely wrong."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "language.py"
spec = importlib.util.spec_from_file_location("language_bench", BENCH)
assert spec is not None and spec.loader is not None
language_bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(language_bench)


def test_the_detector_calls_most_sentences_right_and_few_wrong():
    table = language_bench.figures(
        language_bench.calls(language_bench.translations(language_bench.locales_dir()))
    )
    latin, other = table["latin_script"], table["other_scripts"]
    assert latin["6-10"]["n"] > 300 and latin["11+"]["n"] > 100
    assert latin["6-10"]["right"] >= 0.6 and latin["11+"]["right"] >= 0.85
    assert max(latin[length]["wrong"] for length in language_bench.LENGTHS) <= 0.02
    assert other["3-5"]["right"] >= 0.95
    assert table["unknown_languages_called"]["11+"]["wrong"] <= 0.25
