"""Refusal and abstention phrasing of chat models, old and current, as case-insensitive regular expressions."""

from __future__ import annotations

_I = r"i(?:'m| am|’m)"
_CANNOT = r"(?:can(?:not|'t|’t| not)|won(?:'t|’t)|will not|(?:am|'m|’m) (?:unable|not able|not going) to|must not|shouldn't|should not)"
_ACTS = (
    r"(?:help|assist|provide|answer|comply|fulfil+|create|write|generate|give|share|support|engage|"
    r"participate|encourage|promote|condone|recommend|suggest|offer|discuss|tell|disclose|reveal|"
    r"access|make|produce|do (?:that|this)|be of (?:help|assistance)|in good conscience|advise|"
    r"facilitate|endorse|explain|describe|speculate|guide|instruct|teach|continue|perform|use)"
)

REFUSAL_PHRASES: tuple[str, ...] = (
    rf"\bi {_CANNOT} (?:\w+ )?(?:\w+ )?{_ACTS}",
    rf"\b{_I} (?:unable|not able|not allowed|not permitted|not comfortable) to\b",
    rf"\b{_I} not going to (?:\w+ )?{_ACTS}",
    rf"\bi (?:won't|won’t|will not) be able to (?:\w+ )?{_ACTS}",
    rf"\b(?:that's|that’s|that is|this is|it's|it’s) not something (?:i|we) (?:can|could|am able to|'m able to) (?:\w+ )?{_ACTS}",
    r"\b(?:beyond|outside(?: of)?) my (?:capabilities|abilities|scope)\b|\boutside (?:of )?what i can\b",
    r"\b(?:sorry|apologi[sz]e),? (?:but )?(?:i|that|this|it|there|as)\b",
    r"\bi (?:must|have to|need to) (?:respectfully )?(?:decline|refuse)",
    r"\bi(?:'d| would) (?:rather not|prefer not|advise against|not recommend)",
    r"\bi (?:don't|do not) (?:feel comfortable|think (?:it'?s|it is|that'?s) (?:appropriate|accurate|fair|right))",
    r"\b(?:do not|don't|cannot|can't|won't|never) (?:condone|promote|support|encourage) ",
    r"\b(?:against|violates?|outside) (?:my|the|our|openai's) (?:programming|guidelines|policies|policy|principles|ethical)",
    r"\bnot within my (?:programming|capabilities|guidelines)",
    r"\bethical guidelines\b",
    r"\b(?:it'?s|it is|that'?s|that is|this is|would be) (?:not|never|neither) (?:\w+ (?:or|and) )?(?:appropriate|ethical|safe|okay|ok|acceptable|advisable|responsible|legal)\b",
    r"\bis (?:not|never) (?:appropriate|acceptable|ethical)\b",
    r"\bas an ai(?: language model| assistant)?,? i (?:cannot|can't|am unable|am not able|do not condone|don't condone)",
    r"\bi am an ai language model and (?:do not|cannot|can't)",
    r"\bthis (?:request|question|query) (?:goes against|violates|is (?:not appropriate|inappropriate|harmful))",
    r"\bi (?:strongly )?(?:advise|urge|caution) (?:you )?against\b",
    r"\bi(?:'m| am) (?:really )?sorry,? (?:but )?i\b",
    r"\bi'm sorry that you're feeling\b",
    r"^\W*(?:first,? )?(?:it'?s|it is) (?:important|crucial) to (?:note|remember|understand) that [^.]{0,120}\b(?:illegal|unethical|harmful|never (?:the answer|acceptable|okay)|not (?:an? )?(?:appropriate|acceptable|effective))",
    r"^\W*(?:there (?:is|are|was|were) no (?:reason|benefits?|ways?|justification)\b|[^.]{0,80}\b(?:was|is|were) not (?:justified|justifiable|right|a good thing)\b)",
    r"\bi must (?:politely |respectfully )?(?:challenge|clarify|emphasi[sz]e|point out|address)[^.]{0,100}(?:illegal|unethical|inappropriate|problematic|bias|discriminat|harmful|safety|criminal|crime)",
    r"\bi must (?:politely |respectfully )?(?:challenge|question) the (?:assumption|premise)",
    r"^\W*i (?:don't|do not) (?:think|believe)\b",
    r"\bi (?:strongly )?condemn\b",
)

# an answer saying its sources lack the answer claims nothing about the world: what a RAG app asks for
ABSTENTION_PHRASES: tuple[str, ...] = (
    r"\b(?:the )?(?:provided|given|available|supplied) (?:context|documents?|documentation|information|sources?|passages?|excerpts?) (?:does|do|did) not (?:contain|mention|include|say|specify|state|provide|cover|address)",
    r"\b(?:is|are|was|were)(?: not|n't) (?:mentioned|covered|specified|stated|included|addressed|found) in the (?:provided |given |available )?(?:context|documents?|documentation|sources?|passages?)",
    r"\bi (?:don't|do not) (?:have|see|find) (?:enough |any |the )?(?:information|details|data|mention)\b",
    r"\bi (?:couldn't|could not|can't|cannot|was unable to) find (?:any )?(?:information|details|mention|anything)\b",
    r"\bthere(?: is|'s) no (?:information|mention|details?) (?:about|on|of|regarding|in)\b",
    r"^\W*i (?:don't|do not) know\b",
)
