"""Framing: the words with which an answer points at its source or opens its reply rather than claims.

"According to the provided documents, logs are kept for 30 days [1]", "The passage states
that ...", "Here is a concise summary of the article:", "Sure! ...", "As far as I can tell,
...": the framing claims nothing about the world, and its words ("provided", "documents",
"passage", "1", "sure", "tell") are seldom in the context, so read as claims they would fail a
faithful answer. Only the framing goes; the claim it introduces is still checked. An app with
framing of its own lists it in groundedness's or faithfulness's `framing_phrases`.
"""

from __future__ import annotations

from llmqa.regex import ascii_bounded

_DETERMINER = r"(?:the|this|these|your|our)"
_ADJECTIVE = (
    r"(?:provided|given|supplied|attached|retrieved|available|above|following|original|relevant|source)"
)
_SOURCE = (
    r"(?:documents?|docs|documentation|context|passages?|sources?|texts?|articles?|excerpts?|"
    r"snippets?|search results|knowledge base|materials?|information)\b"
)
_SOURCE_PHRASE = rf"(?:{_DETERMINER} )?(?:{_ADJECTIVE} )*{_SOURCE}"
_SAYS = (
    r"(?:says?|states?|mentions?|notes?|describes?|discuss(?:es)?|explains?|indicates?|reports?|"
    r"highlights?|suggests?|shows?|reveals?|covers?|details?|outlines?|summari[sz]es?|concludes?(?: with)?|"
    r"focus(?:es)? on|talks? about|is about|are about|shifts? (?:focus )?to|"
    r"provides?(?: information| details)?(?: about| on)?)"
)

FRAMING_PHRASES: tuple[str, ...] = (
    # "According to the provided documents,", "Based solely on the information provided in the passage,"
    rf"\b(?:according to|based (?:solely |only |entirely )?on|as (?:stated|mentioned|described|noted|shown|"
    rf"explained|outlined) in) {_SOURCE_PHRASE}(?: (?:provided|given))?(?: in {_SOURCE_PHRASE})?,?",
    # "In the provided passage", "From the documents provided,", "In this passage,": a bare "in the text"
    # without a comma may be a claim's
    rf"\b(?:in|from) {_DETERMINER} (?:{_ADJECTIVE} )+{_SOURCE},?"
    rf"|\b(?:in|from) {_DETERMINER} {_SOURCE}(?: (?:provided|given|above))?,",
    # "The passage states that", "This article also discusses", "The author notes that", "It then shifts to"
    rf"\b(?:(?:the|this) (?:{_ADJECTIVE} )*(?:passage|article|text|document|documents|context|excerpt|"
    rf"source|documentation|story|report|snippet|summary|author|writer)|it) (?:also |then |further )?{_SAYS}"
    rf"(?: that)?",
    # "Here's a concise summary of the passage, covering the core pieces of information:"
    r"\b(?:here is|here's|here’s|below is|the following is) (?:a|an|the|my) (?:(?:brief|short|concise|quick|"
    r"one-sentence|two-sentence) )?summary(?: of (?:the )?(?:(?:core|key|main|essential) "
    r"(?:information|points|details|facts) (?:in|from|of) )?(?:the|this) (?:(?:provided|given) )?(?:passage|"
    r"article|text|document|story|report|excerpt))?(?:,? covering (?:the )?(?:core|key|main|essential) (?:pieces of "
    r"information|information|points|details|facts)(?: (?:described|presented|mentioned))?)?",
    # citation markers: "[1]", "[1][2]", "[^3]", "[doc2]", "【4:0†source】"; not a list of figures
    # ("[6, 12, 18]") nor an index ("items[0]")
    r"\[(?:\^|doc |doc|document |source |ref )?[1-9]\d?\]|【[^】]*】",
    # "(source: retention policy)", "(see Section 2.1)", ", per the docs"
    rf"\((?:(?:sources?|ref|cf)\b[.:]|see\b)[^)]*\)|,?\s*\bper {_DETERMINER} (?:{_ADJECTIVE} )*{_SOURCE},?",
    # a hedge on the claim, not a claim: "As far as I can tell,", "I believe that", "It seems that"
    r"\b(?:as far as (?:i|we) (?:can tell|know)|to the best of (?:my|our) knowledge|if (?:i|we) (?:recall|remember) "
    r"correctly|from what (?:i|we) (?:can see|understand|know)|(?:i|we) (?:believe|think)(?: that)?|it (?:seems|appears)"
    r"(?: that)?),?",
    # a label that opens a line: "**Answer:**", "TL;DR:", "Key points:", "Note:"
    r"(?m:^\W*(?:answer|short answer|summary|tl;?dr|key points|key takeaways|note)\W*:\W*)",
    # a closing list of sources: "Sources:\n- retention-policy.md"
    r"(?ms:^\W*(?:sources?|references?|citations?)\W*:.*)",
    # an opener that answers nothing yet: "Sure!", "Great question!", "In short,", "Overall," (but
    # not the "overall" of "Overall spending rose")
    r"(?m:^\W*(?:(?:sure|certainly|absolutely|of course|great question|good question|good news|in short|"
    r"in summary|in conclusion|to conclude|to summari[sz]e|to sum up|short answer|thanks for asking|"
    r"thank you for (?:asking|your question))\b[!,.:]*|(?:overall|all in all),))",
)
# each phrase keeps its line flags to itself, so that none reaches the next or an app's own
FRAMING = ascii_bounded("(?i)" + "|".join(FRAMING_PHRASES))
