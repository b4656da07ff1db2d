"""Empty output, truncation, repetition loops and encoding garbage."""

from __future__ import annotations

from evaluator_helpers import reasons, scores, threshold, traces

LONG = "The Team plan costs $49 per month and includes ten seats for the whole team, billed monthly and"


def test_empty_output_flags_blank_and_failed_calls():
    assert scores("empty_output", traces(output=["  ", None, "Hi"])) == [0.0, 0.0, 1.0]


def test_empty_output_sees_through_invisible_characters():
    assert scores("empty_output", traces(output=["\u200b\u200b \ufeff", "\u200bHi"])) == [0.0, 1.0]


def test_truncated_flags_the_token_limit_and_a_cut_sentence():
    batch = traces(output=["Short.", LONG, LONG + " yearly."], finish_reason=["length", "stop", "stop"])
    by_limit, cut, whole = scores("truncated", batch)
    assert by_limit == 0.0 and cut < threshold("truncated") <= whole


def test_truncated_accepts_sign_offs_and_code_but_not_an_open_fence():
    email = "Hi there,\n\nI am writing about the renewal of our contract next month.\n\nBest regards,\nAlex"
    code = "```python\nprint('hello world, this is a long enough line of code')\n```"
    open_fence = "```python\nfor item in items:\n    print(item, 'is one of the items we have here')"
    assert scores("truncated", traces(output=[email, code, open_fence], finish_reason=["stop"] * 3)) == [
        1.0,
        1.0,
        0.25,
    ]


def test_truncated_flags_a_short_answer_whose_code_fence_never_closes():
    short_open_fence = "```python\ndef area(r):\n    return"
    assert scores("truncated", traces(output=[short_open_fence], finish_reason=["stop"])) == [0.25]


def test_repetition_flags_a_loop_and_passes_normal_prose():
    loop = "I cannot provide advice as it goes against my rules rules rules " + "rules " * 40
    prose = (
        "Terminating a contract starts with reading it closely for notice periods. Then consult a lawyer, "
        "tell the other party in writing, follow the procedure it sets out, and keep records of every step."
    )
    looped, normal = scores("repetition", traces(output=[loop, prose]))
    assert looped < threshold("repetition") <= normal


def test_repetition_is_null_for_short_answers():
    assert scores("repetition", traces(output=["Yes.", None])) == [None, None]


def test_encoding_garbage_flags_mojibake_replacement_and_control_characters():
    batch = traces(output=["It’s a café.", "Itâ€™s a cafÃ©.", "bad \ufffd char", "bell\x07 here"])
    clean, mojibake, replacement, control = scores("encoding_garbage", batch)
    assert clean == 1.0 and mojibake < 1.0 and replacement < 1.0 and control < 1.0


def test_a_loop_names_the_same_repeated_phrase_on_every_run():
    looping = traces(output=["The plan costs 49 dollars per month. " * 8])
    named = {reasons("repetition", looping)[0] for _ in range(20)}
    assert named == {'repeats "49 dollars per month"'}
