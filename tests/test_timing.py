"""The stage clock: time in nested stages counts once, for the innermost stage."""

from __future__ import annotations

import time

from llmqa.timing import StageClock, stage


def test_stages_add_up_to_the_time_inside_the_clock() -> None:
    started = time.perf_counter()
    with StageClock() as clock:
        with stage("outer"):
            time.sleep(0.02)
            with stage("inner"):
                time.sleep(0.03)
        with stage("outer"):
            time.sleep(0.01)
    elapsed = time.perf_counter() - started
    assert list(clock.spent) == ["inner", "outer"]
    assert clock.spent["inner"].wall >= 0.03
    assert 0.03 <= clock.spent["outer"].wall < 0.03 + (elapsed - 0.06) + 0.03
    assert clock.total().wall <= elapsed


def test_stages_outside_a_clock_cost_nothing_and_record_nothing() -> None:
    with stage("alone"):
        pass
    with StageClock() as clock:
        pass
    assert clock.spent == {}
