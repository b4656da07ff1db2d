"""Arithmetic: the calculations an answer writes out ("5 seats × $12 = $60") are right.

A wrong sum is the most checkable of confident errors: "3 × $49 = $137 per month" reads as
fluently as the right figure. Every chain of numbers and operators joined by "=" is
re-computed (with + − × ÷ * / x, "N% of M", "$" and thousands separators); a side may be
rounded to as many decimals as it shows. Outputs without such a chain are not applicable.
"""

from __future__ import annotations

import ast
import operator
import re

import polars as pl
from pydantic import BaseModel

from llmqa.evaluators.base import Evaluator, on_rows, result
from llmqa.evaluators.shared import derived

NUMBER = r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
UNIT = r"(?:[ \t]+\p{L}{3,})?"  # "5 seats × $12": a word after a number names its unit ('of' and 'x' are operators)
OPERATOR = r"(?:[-+*/×÷−]|x|of)"
EXPRESSION = rf"{NUMBER}{UNIT}(?:[ \t]*{OPERATOR}[ \t]*{NUMBER}{UNIT})*"
# on one line, and not the tail of a longer expression ("y + 5 = 20", "3^2 × 5 = 45", "3 x 5 x 7"):
# the last character before it that is not a space is no digit, operator, bracket or decimal point
CHAIN = rf"(?m)(?:^|[^\d.,$^*/+\-=×÷−%)x\s])[ \t]*{EXPRESSION}(?:[ \t]*=[ \t]*-?{EXPRESSION})+"
HAS_CHAIN = rf"{NUMBER}{UNIT}[ \t]*{OPERATOR}[ \t]*{NUMBER}{UNIT}[ \t]*="
HAS_OPERATION = re.compile(rf"\d%?(?:[ \t]+[^\W\d_]{{3,}})?[ \t]*{OPERATOR}[ \t]*\$?\d")
TRAILING_WORDS = re.compile(r"(?:[ \t]+[^\W\d_]+)+$")
LEADING = re.compile(r"^[^\d$]*")
_SYMBOLS = {"×": "*", "x": "*", "÷": "/", "−": "-"}
_APPLY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def arithmetic(batch: pl.DataFrame, options: BaseModel) -> pl.DataFrame:
    """Score 0 when a written-out calculation is wrong, 1 when all are right; null without one."""
    return calculations(batch).select(
        result(
            pl.when(pl.col("wrong").is_not_null()).then(0.0).when(pl.col("calculations") > 0).then(1.0),
            pl.when(pl.col("wrong").is_not_null())
            .then(pl.format("wrong calculation: {}", pl.col("wrong")))
            .when(pl.col("calculations").fill_null(0) == 0)
            .then(pl.lit("no written calculation")),
        )
    )


def calculations(batch: pl.DataFrame) -> pl.DataFrame:
    """Per output: its written-out calculations, the first wrong one, and the results the right ones reach.

    `results` ("36" of "3 seats × $12 = $36") is what groundedness takes as backed by the
    arithmetic; read once per batch for both evaluators. Nulls where the output has none.
    """
    return derived(
        batch, "calculations", lambda b: on_rows(b, pl.col("output").str.contains(HAS_CHAIN), _read)
    )


def _read(rows: pl.DataFrame) -> pl.DataFrame:
    chains = rows.select(pl.col("output").str.extract_all(CHAIN))["output"].to_list()
    verdicts = {chain: wrong_step(chain) for chain in {c for found in chains for c in found or []}}
    found = [[c for c in row or [] if verdicts[c] != ""] for row in chains]
    return pl.DataFrame(
        {
            "calculations": [len(row) for row in found],
            "wrong": [next((verdicts[c] for c in row if verdicts[c] is not None), None) for row in found],
            "results": [" ".join(_results(c) for c in row if verdicts[c] is None) for row in found],
        },
        schema={"calculations": pl.Int64, "wrong": pl.String, "results": pl.String},
    )


def _results(chain: str) -> str:
    """The sides after the first '=' of a calculation: what it reaches, not what it starts from."""
    return " ".join(_bare(chain).split("=")[1:])


def _bare(chain: str) -> str:
    """The calculation without the words before its first number and after its last."""
    return TRAILING_WORDS.sub("", LEADING.sub("", chain))


def wrong_step(chain: str) -> str | None:
    """'3 × 49 = 137 (is 147)' for a wrong calculation, None for a right one, '' for no calculation."""
    text = _bare(chain)
    sides = [side.strip() for side in text.split("=")]
    values = [value for value in map(_value, sides) if value is not None]
    if len(values) < len(sides) or not any(HAS_OPERATION.search(side) for side in sides):
        return ""
    first, *others = values
    for side, value in zip(sides[1:], others, strict=True):
        allowed = max(_rounding(sides[0]), _rounding(side)) + 1e-9 * max(abs(first), 1.0)
        if abs(first - value) > allowed:
            return f"{text} (is {_shown(first)})"
    return None


def _value(side: str) -> float | None:
    """The value of one side of an equation, None when it is no plain arithmetic expression."""
    expression = re.sub(r"[^\W\d_]{3,}", "", side.replace("$", "").replace(",", ""))
    expression = re.sub(r"%\s*of\b", "/100*", expression)
    expression = re.sub(r"(\d+(?:\.\d+)?)%", r"(\1/100)", expression)
    expression = "".join(_SYMBOLS.get(ch, ch) for ch in expression)
    if "of" in expression:
        return None
    try:
        return _evaluate(ast.parse(expression, mode="eval").body)
    except (SyntaxError, ZeroDivisionError, ValueError):
        return None


def _evaluate(node: ast.expr) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _APPLY:
        return float(_APPLY[type(node.op)](_evaluate(node.left), _evaluate(node.right)))
    raise ValueError("not plain arithmetic")


def _rounding(side: str) -> float:
    """Half a unit of the last decimal a single number shows: '3.33' may stand for 10 / 3."""
    if HAS_OPERATION.search(side):
        return 0.0
    decimals = re.search(r"\.(\d+)", side)
    unit = 10.0 ** -(len(decimals.group(1)) if decimals else 0)
    return unit / (200 if side.endswith("%") else 2)


def _shown(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


EVALUATOR = Evaluator(
    name="arithmetic",
    columns=("output",),
    threshold=0.5,
    compute=arithmetic,
    summary="Flags answers whose written-out calculations are wrong (3 × 49 = 137).",
)
