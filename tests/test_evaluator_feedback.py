"""User signals: thumbs down, corrections in feedback text, task outcomes in metadata."""

from __future__ import annotations

import json

from evaluator_helpers import reasons, scores, traces


def test_thumbs_down_reads_thumbs_and_symmetric_scales():
    batch = traces(feedback_score=[1.0, 0.0, None, -1.0])
    assert scores("thumbs_down", batch) == [1.0, 0.0, None, 0.0]
    assert scores("thumbs_down", batch, scale="symmetric") == [1.0, 0.5, None, 0.0]


def test_correction_spots_a_user_correcting_the_answer():
    batch = traces(
        feedback_text=[
            "That's wrong, the pricing page says otherwise.",
            "Actually, the limit is 600 requests per minute.",
            "Thanks, very helpful!",
            None,
        ]
    )
    assert scores("correction", batch) == [0.0, 0.0, 1.0, None]


def test_correction_reads_a_wrong_name_or_a_misunderstood_question_but_not_a_complaint():
    batch = traces(
        feedback_text=[
            "Wrong plan name, it's called Business now",
            "You misunderstood my question",
            "That's not what I asked",
            "not helpful",
            "The link is broken",
        ]
    )
    assert scores("correction", batch) == [0.0, 0.0, 0.0, 1.0, 1.0]


def test_correction_reads_corrections_in_the_languages_whose_refusals_it_reads():
    corrections = [
        "not what I asked for",
        "Eso no es correcto, el plan se llama Business.",
        "C'est faux, la limite est de 600 requêtes.",
        "Das stimmt nicht, der Tarif heißt Business.",
        "Isso está errado, o limite é 600.",
        "Non è corretto, il piano si chiama Business.",
    ]
    thanks = [
        "Muy bien, gracias.",
        "C'est parfait, merci !",
        "Das ist richtig, danke.",
        "Está certo, obrigado.",
        "È corretto, grazie.",
    ]
    batch = traces(feedback_text=corrections + thanks)
    assert scores("correction", batch) == [0.0] * len(corrections) + [1.0] * len(thanks)


def test_task_outcome_reads_the_configured_expression_from_metadata():
    metadata = [
        json.dumps({"resolved": True}),
        json.dumps({"resolved": False}),
        json.dumps({"tier": "pro"}),
        "{resolved: yes",
    ]
    batch = traces(metadata=metadata)
    assert scores("task_outcome", batch) == [1.0, 0.0, None, None]


def test_task_outcome_compares_nested_strings_with_not_equal():
    batch = traces(
        metadata=[
            json.dumps({"ticket": {"status": "escalated"}}),
            json.dumps({"ticket": {"status": "closed"}}),
        ]
    )
    assert scores("task_outcome", batch, success='ticket.status != "escalated"') == [0.0, 1.0]


def test_task_outcome_joins_comparisons_with_and_binding_before_or():
    batch = traces(
        metadata=[
            json.dumps({"resolved": True, "escalated": False, "csat": 2}),
            json.dumps({"resolved": True, "escalated": True, "csat": 2}),
            json.dumps({"resolved": False, "escalated": True, "csat": 5}),
        ]
    )
    success = "resolved == true and escalated != true or csat >= 4"
    assert scores("task_outcome", batch, success=success) == [1.0, 0.0, 1.0]


def test_task_outcome_tests_numbers_by_value_and_strings_against_a_list():
    batch = traces(
        metadata=[
            json.dumps({"survey": {"score": "4.0"}, "status": "closed"}),
            json.dumps({"survey": {"score": 3}, "status": "done"}),
            json.dumps({"survey": {"score": 5}, "status": "reopened"}),
        ]
    )
    assert scores("task_outcome", batch, success="survey.score >= 4") == [1.0, 0.0, 1.0]
    assert scores("task_outcome", batch, success='status in ["done", "closed"]') == [1.0, 1.0, 0.0]
    assert scores("task_outcome", batch, success='status not in ["done", "closed"]') == [0.0, 0.0, 1.0]


def test_task_outcome_is_unknown_only_where_an_absent_key_could_change_the_verdict():
    batch = traces(metadata=[json.dumps({"resolved": True}), json.dumps({"resolved": False})])
    assert scores("task_outcome", batch, success="resolved == true or escalated == false") == [1.0, None]
    assert scores("task_outcome", batch, success="resolved == true and escalated == false") == [None, 0.0]
    assert reasons("task_outcome", batch, success="resolved == true or escalated == false")[1] == (
        "metadata lacks escalated (or is not JSON)"
    )


def test_task_outcome_names_every_comparison_that_failed():
    batch = traces(metadata=[json.dumps({"resolved": False, "escalated": True})])
    assert reasons("task_outcome", batch, success="resolved == true and escalated == false") == [
        "resolved is false, escalated is true"
    ]
