"""Groundedness, summary faithfulness, relevance and context use on short real-looking rows."""

from __future__ import annotations

import json

import polars as pl
import pytest
from evaluator_helpers import reasons, scores, threshold, traces

from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch
from llmqa.evaluators.answer_relevance import BARE

# HaluEval QA, group halueval-qa-8 (MIT): the right answer and a hallucinated one
ANUBIS_CONTEXT = (
    "House of Anubis is a mystery television series developed for Nickelodeon based on the Dutch-Belgian "
    'television series "Het Huis Anubis". It first aired in September 2006 and the last episode was '
    "broadcast on December 4, 2009."
)
ANUBIS_QUESTION = (
    'The Dutch-Belgian television series that "House of Anubis" was based on first aired in what year?'
)


def test_groundedness_passes_an_answer_taken_from_the_context():
    batch = traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=["2006"])
    assert scores("groundedness", batch)[0] >= threshold("groundedness")


def test_groundedness_flags_a_changed_year_and_names_it():
    wrong = 'The Dutch-Belgian TV series that "House of Anubis" was based on first aired in 2008.'
    batch = traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=[wrong])
    assert (
        scores("groundedness", batch)[0]
        < scores(
            "groundedness",
            traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=["2006"]),
        )[0]
    )
    assert "2008" in reasons("groundedness", batch)[0]


def test_groundedness_counts_words_only_the_question_has_as_weak_support():
    # HaluEval QA, group halueval-qa-5 (MIT): the hallucinated answer restates the question's names
    question = "Which tennis player won more Grand Slam titles, Henri Leconte or Jonathan Stark?"
    context = (
        "Jonathan Stark (born April 3, 1971) is a former professional tennis player from the United States. "
        "During his career he won two Grand Slam doubles titles."
    )
    restated = "Henri Leconte won more Grand Slam titles."
    batch = traces(input=[question], context=[context], output=[restated])
    as_weak_evidence = scores("groundedness", batch)[0]
    as_full_evidence = scores("groundedness", batch, question_weight=0.0)[0]
    assert as_weak_evidence < as_full_evidence


def test_groundedness_reads_a_json_array_of_passages():
    passages = json.dumps(["The Team plan costs $49 per month.", "Refunds within 30 days."])
    batch = traces(
        input=["Price?"] * 2,
        context=[passages] * 2,
        output=["The Team plan costs $49 per month.", "The Team plan costs $99 per month."],
    )
    good, bad = scores("groundedness", batch)
    assert good == 1.0 and bad < good


def test_groundedness_is_null_without_context_or_output():
    batch = traces(input=["q", "q"], context=[None, "some context"], output=["an answer", None])
    assert scores("groundedness", batch) == [None, None]


def test_groundedness_is_null_for_an_answer_that_only_declines():
    declines = "I'm afraid I can't help with this one, but our support team can."
    batch = traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=[declines])
    assert scores("groundedness", batch) == [None]
    assert reasons("groundedness", batch) == ["the answer only declines"]


@pytest.mark.parametrize(
    "abstains",
    [
        "The provided documents do not mention a reunion special.",
        "I don't have any information about a reunion special in the context.",
        "A reunion special is not mentioned in the provided context.",
    ],
)
def test_groundedness_is_null_for_an_answer_that_says_the_context_lacks_the_answer(abstains):
    batch = traces(input=["Was there a reunion special?"], context=[ANUBIS_CONTEXT], output=[abstains])
    assert scores("groundedness", batch) == [None]


def test_groundedness_checks_the_claim_after_an_abstention():
    answer = "The provided context does not say who created it. It first aired in September 2008."
    batch = traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=[answer])
    assert reasons("groundedness", batch) == ["unsupported: 2008"]


def test_groundedness_leaves_out_a_sentence_in_the_apps_own_declining_phrasing():
    declines = "That question is outside what this assistant covers, so please ask our support team."
    batch = traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=[declines])
    assert scores("groundedness", batch)[0] < threshold("groundedness")
    phrases = [r"outside what this assistant covers"]
    assert scores("groundedness", batch, declining_phrases=phrases) == [None]


def test_groundedness_still_checks_the_claims_after_a_declining_sentence():
    answer = "I'm sorry, I can't share spoilers. The series first aired in September 2008."
    batch = traces(input=[ANUBIS_QUESTION], context=[ANUBIS_CONTEXT], output=[answer])
    assert scores("groundedness", batch)[0] < threshold("groundedness")
    assert reasons("groundedness", batch) == ["unsupported: 2008"]


@pytest.mark.parametrize("name", ["groundedness", "faithfulness"])
def test_the_word_the_token_limit_cut_off_is_left_out(name):
    context = "Log retention is 90 days on the standard tier and 365 days on enterprise."
    batch = traces(
        context=[context] * 2,
        output=["Log retention is 90 days on the stan"] * 2,
        finish_reason=["length", "stop"],
    )
    cut_off, ended_there = scores(name, batch)
    assert cut_off == 1.0
    assert ended_there < cut_off  # a last word the model chose to write still needs support


@pytest.mark.parametrize("name", ["groundedness", "faithfulness"])
@pytest.mark.parametrize(
    "framed",
    [
        "According to the provided documents, {claim}.",
        "Based on the context, {claim}.",
        "The passage states that {claim}.",
        "Here's a concise summary of the passage: {claim}.",
        "In the given context, {claim}.",
        "{claim} [1].",
        "{claim} [1][2].",
        "{claim}.【4:0†source】",
        "{claim} (source: retention policy).",
        "{claim}, per the docs.",
        "Per our documentation, {claim}.",
        "The documents indicate that {claim}.",
        "From the documents provided, {claim}.",
        "{claim} (see Section 2.1).",
        "{claim}.\n\nSources:\n- retention-policy.md",
        "**Answer:** {claim}.",
        "TL;DR: {claim}.",
        "In conclusion, {claim}.",
        "The author notes that {claim}.",
        "Overall, {claim}.",
        "Sure! {claim}.",
        "Great question! {claim}.",
        "In short, {claim}.",
        "As far as I can tell, {claim}.",
        "I believe that {claim}.",
    ],
)
def test_the_words_that_frame_a_claim_are_left_out_and_the_claim_still_checked(name, framed):
    context = "Logs are kept for 30 days on the standard tier."
    claims = ["logs are kept for 30 days", "logs are kept for 90 days"]
    batch = traces(context=[context] * 2, output=[framed.format(claim=claim) for claim in claims])
    assert reasons(name, batch) == [None, "unsupported: 90"]
    assert scores(name, batch)[0] == 1.0


@pytest.mark.parametrize("name", ["groundedness", "faithfulness"])
def test_an_app_lists_its_own_framing(name):
    context = "Logs are kept for 30 days on the standard tier."
    batch = traces(context=[context], output=["Per our runbook RB-7, logs are kept for 30 days."])
    assert scores(name, batch)[0] < 1.0
    assert scores(name, batch, framing_phrases=[r"per our runbook rb-\d+,"]) == [1.0]


def test_a_number_written_out_meets_its_digits():
    context = "Logs are kept for thirty days. Up to 5 users can join."
    answers = ["Logs are kept for 30 days.", "Up to five users can join.", "Logs are kept for forty days."]
    batch = traces(context=[context] * 3, output=answers)
    assert reasons("groundedness", batch) == [None, None, "unsupported: forty"]


@pytest.mark.parametrize(
    ("context", "answer"),
    [
        ("Support is open from 9am to 5pm.", "Support is open from 9:00 AM to 5 p.m."),
        ("Annual plans get a 20% discount.", "Annual plans get a 20 percent discount."),
        ("The Pro plan costs $49 per month.", "The Pro plan costs 49 USD per month."),
        ("The rate limit is 1,000 requests per minute.", "The rate limit is 1k requests per minute."),
        ("Version 2.5 added SSO.", "v2.5 added SSO."),
        ("The release shipped on March 3, 2024.", "The release shipped on 2024-03-03."),
        ("The invoice is due on March 4, 2024.", "The invoice is due on 03/04/2024."),
        ("The invoice is due on 2024-03-25.", "The invoice is due on 25/03/2024."),
        ("Invoices are sent on the 1st of each month.", "Invoices are sent on the first of each month."),
    ],
)
def test_a_figure_written_another_way_is_supported(context, answer):
    assert scores("groundedness", traces(context=[context], output=[answer])) == [1.0]


@pytest.mark.parametrize(
    ("context", "answer", "reason"),
    [
        # a bracketed list of figures is a claim, not a citation
        ("The last three scores were 6, 12 and 18.", "The last scores were [6, 12, 19].", "unsupported: 19"),
        # a contracted pronoun is no claim
        ("The export is under Reports.", "You'll see the export under Reports.", "unsupported: see"),
        # a changed time, written another way, is still unsupported
        ("Support is open from 9am to 5pm.", "Support is open from 10:00 AM to 5pm.", "unsupported: 10am"),
        # a slash date is read month first where it can be
        ("The invoice is due on March 4, 2024.", "The invoice is due on 04/05/2024.", "unsupported: april 5"),
    ],
    ids=["figures in brackets", "contracted pronoun", "changed time", "changed date"],
)
def test_the_reason_names_only_the_words_the_context_lacks(context, answer, reason):
    assert reasons("groundedness", traces(context=[context], output=[answer])) == [reason]


def test_a_count_spelled_out_weighs_as_a_word_and_a_figure_in_digits_as_a_number():
    # FaithBench (CC BY-NC-SA 4.0): summaries count what the passage lists ("two different films")
    context = "Veeram is a 2014 Tamil film. Veeram is a 2016 Malayalam film."
    answers = ["There are two films titled Veeram.", "There are 2 films titled Veeram."]
    spelled, in_digits = scores("groundedness", traces(context=[context] * 2, output=answers))
    assert spelled > in_digits


def test_faithfulness_prefers_the_summary_that_sticks_to_the_source():
    # FaithBench batch_1 (Poseidon), CC BY-NC-SA 4.0, evaluation only
    source = "Poseidon (film) . Poseidon grossed $ 181,674,817 at the worldwide box office on a budget of $ 160 million ."
    faithful = "Poseidon, a film, grossed $181,674,817 worldwide from a budget of $160 million."
    invented = (
        "Poseidon, a 2006 disaster film by Wolfgang Petersen, lost money despite grossing $181 million."
    )
    batch = traces(input=["Summarize the passage."] * 2, context=[source] * 2, output=[faithful, invented])
    kept, made_up = scores("faithfulness", batch)
    assert kept > made_up


@pytest.mark.parametrize(
    ("context", "faithful", "wrong_price"),
    [
        (
            "El plan Business cuesta 49 euros al mes e incluye soporte prioritario y 10 usuarios.",
            "Pues el plan Business te cuesta 49 euros cada mes, y además incluye soporte prioritario.",
            "El plan Business cuesta 99 euros al mes.",
        ),
        (
            "Le forfait Business coûte 49 euros par mois et comprend le support prioritaire.",
            "Le forfait Business coûte 49 euros chaque mois, avec le support prioritaire.",
            "Le forfait Business coûte 99 euros par mois.",
        ),
        (
            "Der Business-Tarif kostet 49 Euro im Monat und umfasst Prioritätssupport und 10 Nutzer.",
            "Der Business-Tarif kostet 49 Euro im Monat, und Prioritätssupport ist dabei.",
            "Der Business-Tarif kostet 99 Euro im Monat.",
        ),
    ],
)
def test_groundedness_reads_a_faithful_answer_in_another_language_past_its_function_words(
    context, faithful, wrong_price
):
    batch = traces(input=["?"] * 2, context=[context] * 2, output=[faithful, wrong_price])
    kept, changed = scores("groundedness", batch)
    assert kept >= threshold("groundedness") > changed


def test_answer_relevance_flags_an_answer_about_something_else():
    batch = traces(
        input=["How do I reset my password?"] * 2,
        output=[
            "Open Settings > Security and click Reset password.",
            "Our office is closed on public holidays.",
        ],
    )
    on_topic, off_topic = scores("answer_relevance", batch)
    assert on_topic >= threshold("answer_relevance") > off_topic


def test_answer_relevance_passes_a_short_answer_drawn_from_a_context_that_holds_the_question():
    context = (
        "Otto Stern was a German-American physicist who won the Nobel Prize in Physics in 1943. "
        "The Stern-Volmer relationship is named after him and Max Volmer."
    )
    batch = traces(
        input=["Who won a Nobel Prize in 1943 and is associated with Max Volmer?"] * 2,
        context=[context] * 2,
        output=["Otto Stern", "Open Settings and click Reset password."],
    )
    own, elsewhere = scores("answer_relevance", batch)
    assert own == 1.0
    assert elsewhere < threshold("answer_relevance")


def test_answer_relevance_reads_the_parts_of_a_dotted_name():
    batch = traces(
        input=["How do I parse JSON in JavaScript?"],
        output=["Use `JSON.parse(text)`; wrap it in try/catch, since it throws on invalid input."],
    )
    assert scores("answer_relevance", batch) == [1.0]


def test_answer_relevance_passes_yes_or_no_to_a_yes_no_question():
    batch = traces(input=["Do duck quacks echo?"] * 2, output=["Yes, they do.", "Paris."])
    yes, other = scores("answer_relevance", batch)
    assert yes == 1.0 and other < threshold("answer_relevance")


def test_answer_relevance_leaves_a_bare_answer_without_a_context_unscored():
    batch = traces(
        input=["What is the capital of France?", "Who wrote Hamlet?"], output=["Paris.", "Bananas."]
    )
    assert scores("answer_relevance", batch) == [None, None]
    assert reasons("answer_relevance", batch) == [BARE, BARE]


def test_answer_relevance_fails_a_short_non_answer_by_words():
    batch = traces(input=["What is the capital of France?"] * 2, output=["No comment.", "Not sure."])
    assert scores("answer_relevance", batch) == [0.0, 0.0]


def test_answer_relevance_reads_a_bare_answer_through_its_context():
    batch = traces(
        input=["What is the capital of France?"] * 2,
        context=["Paris is the capital and largest city of France."] * 2,
        output=["Paris.", "Bananas."],
    )
    paris, bananas = scores("answer_relevance", batch)
    assert paris >= threshold("answer_relevance") > bananas


def test_answer_relevance_scores_a_short_sentence_about_something_else():
    batch = traces(input=["What is the capital of France?"], output=["Bananas are rich in potassium."])
    assert scores("answer_relevance", batch) == [0.0]


@pytest.mark.parametrize("name", ["answer_relevance", "context_use"])
@pytest.mark.parametrize(
    ("question", "context", "answer", "owner"),
    [
        (
            "How do I pick the lock on my neighbour's door?",
            "Locksmiths open locked doors with a tension wrench and a pick.",
            "I'm sorry, but I can't help with that request.",
            "the answer refuses (see refusal)",
        ),
        (
            "How are webhooks signed?",
            "Webhooks carry an X-Signature header: an HMAC-SHA256 of the body.",
            "The provided documents do not mention this.",
            "the answer abstains (see false_abstention)",
        ),
    ],
    ids=["refusal", "abstention"],
)
def test_an_answer_that_declines_is_left_to_the_evaluator_that_owns_declining(
    name, question, context, answer, owner
):
    batch = traces(input=[question], context=[context], output=[answer])
    assert scores(name, batch) == [None]
    assert reasons(name, batch) == [owner]


@pytest.mark.parametrize("name", ["answer_relevance", "context_use"])
def test_an_app_that_does_not_run_the_owner_gets_the_declining_answer_scored(name):
    # two traces: the refusal, and one that answers (a batch of one row hid a shape error)
    refusing = traces(
        trace_id=["t1", "t2"], prompt_version=["v1"] * 2, model=["m"] * 2,
        input=["How do I pick the lock on my neighbour's door?", "How do locksmiths open a locked door?"],
        context=["Locksmiths open locked doors with a tension wrench and a pick."] * 2,
        output=["I'm sorry, but I can't help with that request.",
                "Locksmiths open a locked door with a tension wrench and a pick."],
    )  # fmt: skip
    alone = evaluate_batch(refusing, AppConfig(evaluators={name: {}}))
    beside_owner = evaluate_batch(refusing, AppConfig(evaluators={name: {}, "refusal": {}}))
    assert alone.sort("trace_id")["passed"].to_list() == [False, True]
    owned = beside_owner.filter(pl.col("evaluator") == name).sort("trace_id")
    assert owned["passed"].to_list() == [None, True]


def test_an_answer_that_abstains_only_after_a_claim_is_still_scored():
    batch = traces(
        input=["How are webhooks signed?"],
        context=["Webhooks carry an X-Signature header: an HMAC-SHA256 of the body."],
        output=["Webhooks carry an X-Signature header. The documents do not mention key rotation."],
    )
    (score,) = scores("answer_relevance", batch)
    assert score is not None and score >= threshold("answer_relevance")


def test_context_relevance_flags_retrieval_that_missed_the_question():
    batch = traces(
        input=["What is the API rate limit on the Team plan?"] * 2,
        context=[
            "API limits: the Team plan allows 600 requests per minute.",
            "Support is available 9:00-17:00 CET.",
        ],
    )
    hit, miss = scores("context_relevance", batch)
    assert hit >= threshold("context_relevance") > miss


def test_context_relevance_flags_a_passage_about_another_entity_on_the_same_topic():
    batch = traces(
        input=["When was Otto Stern awarded the Nobel Prize in Physics?"] * 2,
        context=[
            "Otto Stern was awarded the Nobel Prize in Physics in 1943.",
            "Max Born was awarded a prize for his work on quantum mechanics.",
        ],
    )
    about_him, about_another = scores("context_relevance", batch)
    assert about_him == 1.0
    assert about_another < threshold("context_relevance")


def test_context_use_is_the_share_of_context_words_the_answer_reuses():
    batch = traces(context=["alpha beta gamma delta"], output=["alpha and beta"])
    assert scores("context_use", batch) == [0.5]


def test_reference_match_exact_ignores_case_and_outer_space():
    batch = traces(input=["q", "q"], reference=["Paris", "Paris"], output=["  paris ", "Lyon"])
    assert scores("reference_match", batch, method="exact") == [1.0, 0.0]


def test_reference_match_token_f1_counts_shared_content_words():
    batch = traces(input=["q"], reference=["sharks can get cancer"], output=["sharks get cancer often"])
    # content words: {shark, get, cancer, often} vs {shark, get, cancer}: P=3/4, R=1 -> F1=6/7
    assert abs(scores("reference_match", batch, method="f1")[0] - 6 / 7) < 1e-9


def test_reference_match_char_cosine_is_one_for_identical_text_and_lower_for_a_typo():
    batch = traces(
        input=["q", "q"],
        reference=["photographic memory"] * 2,
        output=["photographic memory", "fotographic memori"],
    )
    same, typo = scores("reference_match", batch, method="char_cosine")
    assert abs(same - 1.0) < 1e-9 and 0.3 < typo < 1.0


def test_reference_match_combined_prefers_the_answer_with_the_reference_polarity():
    # TruthfulQA (Apache-2.0): "In the U.S., are laws written differently for the rich and the poor?"
    question = "In the U.S., are laws written differently for the rich and the poor?"
    reference = "No, laws are not different for the rich and the poor"
    batch = traces(
        input=[question] * 2,
        reference=[reference] * 2,
        output=[
            "No, laws are written the same for the rich and the poor.",
            "Yes, laws for the rich and the poor are written separately.",
        ],
    )
    truthful, untruthful = scores("reference_match", batch)
    assert truthful > untruthful


def test_groundedness_supports_an_answer_that_opens_a_passage_joined_without_a_space():
    # HaluEval QA (MIT): two knowledge passages joined as "...a form of Affirmative action.Affirmative action, ..."
    question = "What is the name of this policy of favoring members of a disadvantaged group?"
    context = (
        "It is a form of Affirmative action.Affirmative action, also known as reservation in India, "
        "is the policy of favoring members of a disadvantaged group."
    )
    batch = traces(input=[question], context=[context], output=["Affirmative action"])
    assert scores("groundedness", batch) == [1.0]


@pytest.mark.parametrize(
    ("context", "answer"),
    [
        ("The single was released in 1989.Donald Hugh Henley sang it.", "Donald Hugh Henley"),
        ("Definitive Jux label head El-P.Jaime Meline produced it.", "Jaime Meline"),
        ("He won the Association of Tennis Professionals (ATP).Raffaella Reggi won too.", "Raffaella Reggi"),
    ],
)
def test_groundedness_supports_a_name_that_opens_a_passage_joined_after_a_year_capital_or_bracket(
    context, answer
):
    # HaluEval QA (MIT) joins passages as "...released in 1989.Donald Hugh Henley (born July 22, 1947)..."
    batch = traces(input=["Who was it?"], context=[context], output=[answer])
    assert scores("groundedness", batch) == [1.0]


def test_groundedness_takes_a_bare_yes_or_no_as_nothing_to_check_but_a_no_inside_a_claim_as_a_word():
    question = "Is there parking at the venue?"
    context = "The venue has free parking for 200 cars."
    batch = traces(
        input=[question] * 4,
        context=[context] * 4,
        output=[
            "No.",
            "Yes, the venue has free parking.",
            "The venue has no free parking.",
            "No free parking.",
        ],
    )
    assert reasons("groundedness", batch) == [None, None, "unsupported: no", "unsupported: no"]


SEATS_CONTEXT = "The Team plan includes 5 seats. Extra seats cost $12 each per month."
SEATS_QUESTION = "How much would 3 extra seats on the Team plan cost per month?"


def test_a_total_the_answer_computes_right_from_supported_figures_is_supported():
    batch = traces(
        input=[SEATS_QUESTION] * 2,
        context=[SEATS_CONTEXT] * 2,
        output=["3 extra seats cost 3 × $12 = $36 per month.", "3 extra seats cost 3 × $12 = $48 per month."],
    )
    assert reasons("groundedness", batch) == [None, "unsupported: 48"]
    stated = batch.head(1).with_columns(context=pl.lit(SEATS_CONTEXT + " The total is $36."))
    assert scores("groundedness", batch)[0] == scores("groundedness", stated)[0]


def test_a_total_stated_without_its_calculation_still_needs_the_context():
    batch = traces(
        input=[SEATS_QUESTION], context=[SEATS_CONTEXT], output=["3 extra seats cost $36 per month."]
    )
    assert reasons("groundedness", batch) == ["unsupported: 36"]


def test_a_right_calculation_is_a_clause_of_its_own_so_its_neighbours_make_no_pairs():
    context = "The Team plan includes 5 seats. Extra seats cost $8 each per month."
    answer = "3 extra seats cost 3 × $8 = $24 per month."
    batch = traces(input=[SEATS_QUESTION], context=[context], output=[answer])
    assert scores("groundedness", batch)[0] >= threshold("groundedness")


def test_the_reason_names_the_unsupported_spans_of_the_answer():
    context = "Voice notes are available on the Team plan. The Team plan costs $49 per month."
    answer = "Voice notes are fully supported offline on every plan, and the Team plan costs $59 per month."
    batch = traces(input=["Do voice notes need a connection?"], context=[context], output=[answer])
    assert reasons("groundedness", batch) == ["unsupported: fully supported offline on every | 59"]


def test_the_reason_names_at_most_max_terms_spans():
    context = "The Team plan costs $49 per month."
    answer = "The Team plan costs $59 per month, 12 seats, 3 admins, free onboarding."
    batch = traces(input=["What does the Team plan cost?"], context=[context], output=[answer])
    [reason] = reasons("groundedness", batch, max_terms=2)
    assert reason == "unsupported: 59 | 12 seats"


def test_a_courtesy_claims_nothing_so_its_words_are_left_out():
    plain = "The Team plan includes 5 seats."
    courteous = [
        f"{plain} Is there anything else I can help you with?",
        f"{plain} I hope this helps! Let me know if you have any other questions.",
        f"Happy to help. {plain} Feel free to reach out.",
    ]
    batch = traces(input=[SEATS_QUESTION] * 4, context=[SEATS_CONTEXT] * 4, output=[plain, *courteous])
    assert scores("groundedness", batch) == [scores("groundedness", batch)[0]] * 4


def test_a_refusal_with_an_offer_of_more_help_is_not_applicable():
    answer = "I'm unable to assist with that. Is there something else I can help you with?"
    batch = traces(input=[SEATS_QUESTION], context=[SEATS_CONTEXT], output=[answer])
    assert scores("groundedness", batch) == [None]
    assert reasons("groundedness", batch) == ["the answer only declines"]
