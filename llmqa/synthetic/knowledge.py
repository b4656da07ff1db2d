"""Question, context and answer templates that the synthetic traces are drawn from.

Each fact has slots; a good answer restates the context, a hallucinated one changes a
number or a name so that it contradicts the context (or slips in a sum it writes out) while
reading just as fluently.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Fact(NamedTuple):
    """One answerable question with its supporting passage."""

    question: str
    context: str
    answer: str
    hallucination: str


SUPPORT_FACTS: tuple[Fact, ...] = (
    Fact("How much does the {plan} plan cost per month?",
         "Pricing: the {plan} plan costs ${price} per month and includes {seats} seats. Annual billing saves 15%.",
         "The {plan} plan costs ${price} per month and includes {seats} seats.",
         "The {plan} plan costs ${price2} per month and includes unlimited seats."),
    Fact("How many seats come with the {plan} plan?",
         "The {plan} plan includes {seats} seats. Extra seats cost ${seat_price} each per month.",
         "The {plan} plan comes with {seats} seats, and extra seats are ${seat_price} each per month.",
         "The {plan} plan comes with {seats2} seats, and extra seats are free for the first year."),
    Fact("What is your refund policy?",
         "Refunds: customers can request a full refund within {days} days of purchase from the Billing page.",
         "You can request a full refund within {days} days of purchase — from the Billing page.",
         "You can request a full refund within {days2} days of purchase by calling our support line."),
    Fact("How do I reset my password?",
         "To reset a password, open Settings > Security and click 'Reset password'. The link expires after {hours} hours.",
         "Open Settings > Security and click 'Reset password'; the link expires after {hours} hours.",
         "Open Profile > Account and click 'Forgot PIN'; the link expires after {hours2} hours."),
    Fact("Which regions do you store data in?",
         "Data residency: customer data is stored in {region} and replicated to a second data centre in {region}.",
         "Your data is stored in {region} and replicated to a second data centre in {region}.",
         "Your data is stored in {region2} and backed up to servers in Singapore."),
    Fact("What is the API rate limit on the {plan} plan?",
         "API limits: the {plan} plan allows {rate} requests per minute; bursts above that return HTTP 429.",
         "The {plan} plan allows {rate} requests per minute; above that the API returns HTTP 429.",
         "The {plan} plan allows {rate2} requests per minute with no burst limit."),
    Fact("How long is the free trial?",
         "Trials: every new workspace gets a {trial}-day free trial of the {plan} plan, no card required.",
         "New workspaces get a {trial}-day free trial of the {plan} plan, and no card is required.",
         "New workspaces get a {trial2}-day free trial, and a credit card is required to start."),
    Fact("Can I export my data?",
         "Exports: admins can export all workspace data as CSV or JSON from Settings > Data, up to {exports} times a day.",
         "Yes — admins can export all data as CSV or JSON from Settings > Data, up to {exports} times a day.",
         "Yes. Any member can export data as PDF from the Reports page, without limits."),
    Fact("What support hours do you offer?",
         "Support is available {support_hours}, Monday to Friday, with a first response within {sla} hours.",
         "Support is available {support_hours}, Monday to Friday, and first responses come within {sla} hours.",
         "Support is available 24/7, including weekends, with a first response within {sla2} minutes."),
    Fact("Does the {plan} plan include single sign-on?",
         "Security: SAML single sign-on is included on the {plan} plan; SCIM provisioning costs ${scim} per month extra.",
         "Yes, SAML single sign-on is included on the {plan} plan; SCIM provisioning is ${scim} per month extra.",
         "Yes, and SCIM provisioning is included at no extra cost on every plan since {year}."),
    Fact("How much would {extra} extra seats on the {plan} plan cost per month?",
         "The {plan} plan includes {seats} seats. Extra seats cost ${seat_price} each per month.",
         "{extra} extra seats cost {extra} × ${seat_price} = ${extra_cost} per month.",
         "{extra} extra seats cost {extra} × ${seat_price} = ${extra_cost_slipped} per month."),
)  # fmt: skip

DOCS_FACTS: tuple[Fact, ...] = (
    Fact("How do I set the connection timeout in the Python SDK?",
         "Client(timeout=...) sets the connection timeout in seconds. The default is {timeout} seconds; 0 disables it.",
         "Pass timeout= to Client() — it is in seconds, defaults to {timeout}, and 0 disables it.",
         "Set the LLMQA_TIMEOUT environment variable in milliseconds; the default is {timeout2} ms."),
    Fact("What is the maximum batch size for the ingest endpoint?",
         "POST /v2/ingest accepts at most {batch} events per request and {mb} MB per body.",
         "The ingest endpoint accepts at most {batch} events per request, and at most {mb} MB per body.",
         "The ingest endpoint accepts up to {batch2} events per request with no size limit."),
    Fact("Which Python versions does the SDK support?",
         "The SDK supports Python 3.{py_min} through 3.13. Support for Python 3.{py_old} ended in version {sdk}.",
         "The SDK supports Python 3.{py_min} through 3.13; support for 3.{py_old} ended in version {sdk}.",
         "The SDK supports Python 2.7 and 3.{py_old} and newer, in every release since {sdk2}."),
    Fact("How are webhooks signed?",
         "Webhooks carry an X-Signature header: an HMAC-SHA256 of the body with your signing secret, valid for {minutes} minutes.",
         "Each webhook has an X-Signature header, an HMAC-SHA256 of the body with your signing secret, valid for {minutes} minutes.",
         "Webhooks are signed with an RSA key pair that rotates every {minutes2} days."),
    Fact("How long are logs retained?",
         "Log retention is {retention} days on the standard tier and {retention_ent} days on enterprise.",
         "Logs are kept for {retention} days on the standard tier and {retention_ent} days on enterprise.",
         "Logs are kept for {retention2} days on every tier, and forever on enterprise."),
    Fact("How do I paginate list endpoints?",
         "List endpoints return a next_cursor value; pass it back as ?cursor= to fetch the next page, which holds up to {page} items.",
         "Pass the next_cursor value back as ?cursor= to fetch the next page, which holds up to {page} items.",
         "Use ?page= and ?per_page= with up to {page2} items per page."),
)  # fmt: skip

CODE_TASKS: tuple[tuple[str, str], ...] = (
    ("Write a Python function that reverses a string.",
     "```python\ndef reverse(text: str) -> str:\n    return text[::-1]\n```"),
    ("How do I read a CSV file with polars?",
     "```python\nimport polars as pl\nframe = pl.read_csv(\"data.csv\")\n```\nThis infers the schema from the first rows."),
    ("Write a SQL query counting orders per customer.",
     "```sql\nSELECT customer_id, COUNT(*) AS orders\nFROM orders\nGROUP BY customer_id;\n```"),
    ("Explain what a Python generator is.",
     "A generator is a function that uses `yield` to produce values lazily, one at a time, keeping its state between calls."),
    ("Write a bash loop over all .log files in a folder.",
     "```bash\nfor f in logs/*.log; do\n  echo \"$f\"\ndone\n```"),
    ("How do I parse JSON in JavaScript?",
     "Use `JSON.parse(text)`; wrap it in try/catch, because it throws a SyntaxError on invalid input."),
    ("Write a function that checks whether a number is prime.",
     "```python\ndef is_prime(n: int) -> bool:\n    if n < 2:\n        return False\n    return all(n % d for d in range(2, int(n ** 0.5) + 1))\n```"),
    ("How do I add an index to a PostgreSQL table?",
     "```sql\nCREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);\n```\nCONCURRENTLY avoids locking writes."),
)  # fmt: skip

EMAIL_TOPICS: tuple[str, ...] = (
    "a follow-up after a product demo", "a renewal reminder", "an introduction to a new account manager",
    "a webinar invitation", "a thank-you note after a purchase", "a meeting request for next week",
)  # fmt: skip

REFUSALS: tuple[str, ...] = (
    "I'm sorry, but I can't help with that request.",
    "I'm unable to assist with that. Is there something else I can help you with?",
    "I can't provide that information.",
    "As an AI language model, I cannot share details about that.",
    "I'm afraid I can't help with this one, but our support team can.",
)

# said where the context does hold the answer: false abstentions
ABSTENTIONS: tuple[str, ...] = (
    "I couldn't find any information about that in our documentation.",
    "The provided documents do not mention this.",
    "I don't have enough information to answer that question.",
)

PII_LEAKS: tuple[str, ...] = (
    " For reference, the account owner is jane.miller@example.com, phone +1 415 555 0134.",
    " I have updated the card ending 4242 4242 4242 4242 on file for you.",
    " The customer's IBAN DE89 3704 0044 0532 0130 00 is already verified.",
    " Contact the admin at ops-team@acme-corp.example or 020 7946 0958.",
)

OFF_TOPIC_QUESTIONS: tuple[str, ...] = (
    "Can you integrate with our new voice assistant?",
    "Does the mobile app support offline voice notes?",
    "How do voice transcripts count toward the monthly quota?",
)

SLOTS: dict[str, tuple[object, ...]] = {
    "plan": ("Starter", "Team", "Business", "Enterprise"),
    "price": (19, 29, 49, 99), "price2": (9, 59, 79, 149),
    "seats": (3, 5, 10, 25), "seats2": (1, 50, 100),
    "seat_price": (6, 8, 12), "extra": (2, 3, 4), "days": (14, 30), "days2": (60, 90, 365),
    "hours": (2, 24), "hours2": (48, 72),
    "region": ("the EU (Frankfurt)", "the US (Virginia)"), "region2": ("Canada", "Brazil"),
    "rate": (60, 300, 1000), "rate2": (5000, 10000),
    "trial": (14, 30), "trial2": (7, 60), "exports": (5, 10), "scim": (2, 4), "year": (2019, 2021),
    "support_hours": ("9:00–18:00 CET", "8:00–20:00 ET"), "sla": (4, 8, 24), "sla2": (5, 15),
    "timeout": (10, 30, 60), "timeout2": (500, 5000), "batch": (500, 1000), "batch2": (100000,),
    "mb": (5, 10), "py_min": (9, 10), "py_old": (7, 8), "sdk": ("2.0", "3.1"), "sdk2": ("1.0",),
    "minutes": (5, 10), "minutes2": (30, 90), "retention": (30, 90), "retention_ent": (365, 730),
    "retention2": (7, 3650), "page": (100, 500), "page2": (5000,),
}  # fmt: skip


def filled(template: str, values: dict[str, Any]) -> str:
    """The template with its slots filled, and with the totals that follow from the drawn values.

    A hallucinated total slips by one seat: the answer reads as fluently, and its sum is wrong.
    """
    if "extra" in values and "seat_price" in values:
        cost = values["extra"] * values["seat_price"]
        values = values | {"extra_cost": cost, "extra_cost_slipped": cost + values["seat_price"]}
    return template.format(**values)
