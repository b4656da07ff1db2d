"""false_abstention: an answer that says the context lacks what the context holds."""

from __future__ import annotations

import pytest
from evaluator_helpers import reasons, scores, threshold, traces

PRICING = (
    "Pricing: the Team plan costs $29 per month and includes 5 seats. Students get a 20% discount "
    "on every plan with a university email address."
)
REFUNDS = "Refunds: customers can request a full refund within 30 days of purchase from the Billing page."


def test_an_abstention_naming_what_the_context_holds_fails_and_names_it():
    batch = traces(
        input=["Is there a student discount?"],
        output=["The provided documents do not mention a student discount."],
        context=[PRICING],
    )
    assert scores("false_abstention", batch)[0] < threshold("false_abstention")
    assert reasons("false_abstention", batch)[0] == (
        "the context has what the answer calls missing: student, discount"
    )


def test_an_abstention_naming_what_the_context_lacks_passes():
    batch = traces(
        input=["Is there a student discount?"],
        output=["The provided documents do not mention a student discount."],
        context=[REFUNDS],
    )
    assert scores("false_abstention", batch) == [1.0]


def test_what_the_answer_calls_missing_may_come_before_the_phrase():
    batch = traces(
        input=["How many seats does the Team plan include?"] * 2,
        output=["I'm sorry, the number of seats in the Team plan is not specified in the provided documents."]
        * 2,
        context=[PRICING, REFUNDS],
    )
    got = scores("false_abstention", batch)
    assert got[0] < threshold("false_abstention")
    assert got[1] == 1.0


def test_an_abstention_that_names_nothing_is_checked_against_the_question():
    batch = traces(
        input=["How much does the Team plan cost per month?"] * 2,
        output=[
            "I'm sorry, I couldn't find any information on that.",
            "I don't have enough information to answer.",
        ],
        context=[PRICING, REFUNDS],
    )
    got = scores("false_abstention", batch)
    assert got[0] < threshold("false_abstention") <= got[1]
    assert (
        reasons("false_abstention", batch)[0]
        == "the context has the question's terms: team, plan, cost, month"
    )


def test_a_typographic_apostrophe_still_reads_as_an_abstention():
    batch = traces(
        input=["Do students pay less?"],
        output=["There’s no information about a student discount in the documentation."],
        context=[PRICING],
    )
    assert scores("false_abstention", batch)[0] < threshold("false_abstention")


def test_plain_and_contracted_phrasings_read_as_abstentions():
    batch = traces(
        input=["Is there a student discount?"] * 2,
        output=[
            "The documents do not mention a student discount.",
            "The context doesn't mention any student discount.",
        ],
        context=[PRICING] * 2,
    )
    assert all(score < threshold("false_abstention") for score in scores("false_abstention", batch))


def test_answers_that_do_not_abstain_or_have_no_context_are_not_applicable():
    batch = traces(
        input=["Is there a student discount?"] * 2,
        output=[
            "Yes, students get 20% off every plan.",
            "The provided documents do not mention a student discount.",
        ],
        context=[PRICING, None],
    )
    assert scores("false_abstention", batch) == [None, None]
    assert reasons("false_abstention", batch)[0] == "the answer does not abstain"


def test_an_apps_own_abstention_wording_is_read_through_extra_phrases():
    batch = traces(
        input=["Is there a student discount?"],
        output=["Our help centre has nothing on a student discount."],
        context=[PRICING],
    )
    assert scores("false_abstention", batch) == [None]
    flagged = scores("false_abstention", batch, extra_phrases=[r"our help centre has nothing on"])
    assert flagged[0] < threshold("false_abstention")


def test_an_abstention_in_spanish_is_checked_against_a_spanish_context():
    batch = traces(
        input=["¿Hay descuento para estudiantes?"] * 2,
        output=["El contexto proporcionado no menciona un descuento para estudiantes."] * 2,
        context=[
            "Los estudiantes reciben un descuento para todos los planes con un correo universitario.",
            "Los reembolsos se solicitan en la página de facturación dentro de 30 días.",
        ],
    )
    got = scores("false_abstention", batch)
    assert got[0] < threshold("false_abstention")
    assert got[1] == 1.0


@pytest.mark.parametrize(
    ("answer", "lacking", "holding"),
    [
        (
            "La documentación proporcionada no menciona un descuento para estudiantes.",
            "El plan Pro cuesta 49 dólares al mes. La documentación está en la web para todos los clientes.",
            "Los estudiantes tienen un descuento del 20% en todos los planes.",
        ),
        (
            "Le contexte fourni ne mentionne pas de réduction pour les étudiants.",
            "Le forfait Pro coûte 49 euros par mois. La documentation est disponible pour tous les clients.",
            "Les étudiants bénéficient d'une réduction de 20 % sur tous les forfaits.",
        ),
        (
            "Die bereitgestellten Dokumente erwähnen keinen Rabatt für Studenten.",
            "Der Pro-Tarif kostet 49 Euro im Monat. Die Dokumentation ist für alle Kunden auf der Website.",
            "Studenten erhalten einen Rabatt von 20 % auf alle Tarife.",
        ),
        (
            "A documentação fornecida não menciona um desconto para estudantes.",
            "O plano Pro custa 49 reais por mês. A documentação está no site para todos os clientes.",
            "Os estudantes têm um desconto de 20% em todos os planos.",
        ),
        (
            "I documenti forniti non menzionano uno sconto per gli studenti.",
            "Il piano Pro costa 49 euro al mese. La documentazione è sul sito per tutti i clienti.",
            "Gli studenti hanno uno sconto del 20% su tutti i piani.",
        ),
    ],
    ids=["es", "fr", "de", "pt", "it"],
)
def test_an_abstention_in_another_language_weighs_only_what_it_calls_missing(answer, lacking, holding):
    batch = traces(input=["-"] * 2, output=[answer] * 2, context=[lacking, holding])
    assert scores("false_abstention", batch) == [1.0, 0.0]
