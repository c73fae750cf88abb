"""Parse what a visitor typed into the search box and render it for the database — pure, no Django.

Search runs in two stages, and this module feeds both:

1. **Candidates from the full-text index.** ``to_fts5`` / ``to_tsquery`` AND together ``terms``: the index
   tokens that any text containing every user word is sure to have (``segment.query_terms``: Han
   character pairs, Latin words, numbers), so the index never loses a true match (recall 1.0).
2. **Exact post-filter** (``matches_exactly``) on the raw text: each user word must occur after
   normalisation — as a substring, Latin words and numbers as whole words — and no excluded word may.
   Pairs can co-occur without the word (科技、项目), so this stage is what makes precision 1.0.

Syntax: words separated by spaces are ANDed; "quoted phrases" (also “ ” and 「 」) keep their spaces;
a leading ``-`` excludes a word or phrase. Nothing else is an operator: ``OR``, ``NEAR``, ``*``, ``^``,
``:`` and parentheses are literal text, and every token reaches the database inside quotes, so user
input can never change the structure of the expression.

Limits, on purpose: the query is cut at ``MAX_QUERY_LENGTH`` characters (a box-pasted paragraph would
otherwise AND hundreds of pairs; 100 characters is longer than any document title). A query of only
exclusions, or only punctuation, is empty: there is nothing to rank. A query whose words are all single
Han characters (「局」) has no index terms — the index stores no single characters (see ``segment``) —
and sets ``needs_scan``: the backend answers it with a substring scan of titles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .segment import HAN_RANGES, WORD_CHAR, is_wordish, normalize, query_terms

MAX_QUERY_LENGTH = 100

# Join title and body with this before calling matches_exactly, so no word spans the two fields
# (whitespace between Han characters is dropped by normalisation; a "|" is not).
FIELD_SEPARATOR = "\n|\n"

_QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』"}
_EDGE_PUNCTUATION = ",.;:!?、。，；：！？"
# Tokens both databases keep exactly as written (FTS5 would fold é to e, so NOT résumé would drop resume).
_EXACT_TOKEN = re.compile(f"[a-z0-9]+|[{HAN_RANGES}]{{2}}")
_EDGE_WORD_CHAR = re.compile(WORD_CHAR)


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready for both search stages; every string in it is already normalised."""

    terms: list[str] = field(default_factory=list)  # index tokens, ANDed in the database
    phrases: list[str] = field(default_factory=list)  # user words, each must occur in the raw text
    excluded: list[str] = field(default_factory=list)  # user words that must not occur
    excluded_terms: list[str] = field(default_factory=list)  # the exclusions the index can decide alone
    truncated: bool = False  # the input was longer than MAX_QUERY_LENGTH

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: show the search form, not 'no results'."""
        return not self.phrases

    @property
    def needs_scan(self) -> bool:
        """Words were given but none reaches the index (single Han characters): scan instead."""
        return bool(self.phrases) and not self.terms


def _split(query: str) -> list[tuple[str, bool]]:
    """Split into (word, excluded) pairs, honouring quotes; an unclosed quote runs to the end."""
    words: list[tuple[str, bool]] = []
    position, length = 0, len(query)
    while position < length:
        if query[position].isspace():
            position += 1
            continue
        excluded = False
        if query[position] == "-":
            while position < length and query[position] == "-":
                position += 1
            excluded = position < length and not query[position].isspace()
            if not excluded:
                continue
        closing = _QUOTES.get(query[position])
        if closing:
            end = query.find(closing, position + 1)
            end = length if end == -1 else end
            words.append((query[position + 1 : end], excluded))
            position = end + 1
            continue
        end = position
        while end < length and not query[end].isspace() and query[end] not in _QUOTES:
            end += 1
        words.append((query[position:end], excluded))
        position = end
    return words


def parse_query(query: str) -> ParsedQuery:
    """Turn the text of a search box into a ``ParsedQuery``; never raises on user input."""
    # NFKC first, so full-width quotes, minus signs and spaces act as syntax; full normalisation (which
    # drops spaces next to Han characters) only per word, after splitting.
    text = unicodedata.normalize("NFKC", query or "").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    terms: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    excluded_terms: list[str] = []
    for raw_word, is_excluded in _split(text):
        word = normalize(raw_word.strip(_EDGE_PUNCTUATION + " "))
        if not is_wordish(word):
            continue  # punctuation only: nothing to find
        if is_excluded:
            if word not in excluded:
                excluded.append(word)
            # Safe in the index only when the word *is* one token: having the token means containing the
            # word. Several tokens can co-occur without the word, so those are left to matches_exactly.
            if query_terms(word) == [word] and _EXACT_TOKEN.fullmatch(word) and word not in excluded_terms:
                excluded_terms.append(word)
        elif word not in phrases:
            phrases.append(word)
            terms.extend(term for term in query_terms(word) if term not in terms)
    if not phrases:
        return ParsedQuery(truncated=truncated)
    return ParsedQuery(terms, phrases, excluded, excluded_terms, truncated)


def _fts5_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def to_fts5(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression, or "" when the index cannot answer (empty or ``needs_scan``).

    Every token is an FTS5 string (double quotes, inner quotes doubled), so ``OR``, ``NEAR``, ``*``, ``^``,
    ``-``, ``:`` and parentheses typed by a visitor stay literal text.
    """
    if not parsed.terms:
        return ""
    expression = " AND ".join(_fts5_string(term) for term in parsed.terms)
    if parsed.excluded_terms:
        excluded = " OR ".join(_fts5_string(term) for term in parsed.excluded_terms)
        expression = f"({expression}) NOT ({excluded})"
    return expression


def _tsquery_lexeme(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'"


def to_tsquery(parsed: ParsedQuery) -> str:
    """Input for PostgreSQL ``to_tsquery('simple', …)``, or "" when the index cannot answer.

    Each token is a quoted lexeme (quotes doubled, backslashes escaped), so ``&``, ``|``, ``!``, ``<->``
    and ``:*`` typed by a visitor are literal. Pass it as a bound parameter, never by formatting SQL.
    """
    if not parsed.terms:
        return ""
    parts = [_tsquery_lexeme(term) for term in parsed.terms]
    parts += [f"!{_tsquery_lexeme(term)}" for term in parsed.excluded_terms]
    return " & ".join(parts)


@lru_cache(maxsize=1024)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Where a normalised user word occurs: as a substring, except that a Latin or digit edge must be a
    word edge — the index stores whole letter/digit runs, so ``12`` finds 「12号」 but not 「112号」 or 2012,
    ``pdf`` finds 「ＰＤＦ文件」 but not ``pdfs``. Han characters have no edges (保密 finds 涉密保密检查)."""
    pattern = re.escape(phrase)
    if phrase and _EDGE_WORD_CHAR.match(phrase[0]):
        pattern = f"(?<!{WORD_CHAR}){pattern}"
    if phrase and _EDGE_WORD_CHAR.match(phrase[-1]):
        pattern = f"{pattern}(?!{WORD_CHAR})"
    return re.compile(pattern)


def matches_exactly(parsed: ParsedQuery, raw_text: str) -> bool:
    """The post-filter: every user word occurs in ``raw_text`` and no excluded word does.

    Compared after ``segment.normalize`` (NFKC, lower case, whitespace next to Han characters dropped), the
    form the index was built from, with ``phrase_pattern``'s edges. An empty query matches nothing.
    """
    if parsed.is_empty:
        return False
    text = normalize(raw_text)
    return all(phrase_pattern(phrase).search(text) for phrase in parsed.phrases) and not any(
        phrase_pattern(word).search(text) for word in parsed.excluded
    )
