"""Search-result snippets and highlighted titles as safe HTML — pure, no Django.

The output goes into templates unescaped (``|safe``), so it is built so that it *cannot* carry markup:
the raw text is cut into pieces, every piece is HTML-escaped on its own, and the only tags we add are
``<mark>`` and ``</mark>`` around whole pieces. Neither the document nor the query can inject a tag or
split an entity, whatever they contain.

Matches are the user's words (``ParsedQuery.phrases``) found in the normalised text (``segment.normalize``:
NFKC, lower case, whitespace next to Han characters dropped) by ``query.phrase_pattern`` and mapped back
to the raw text, so ＰＤＦ is marked for ``pdf`` and 「科技项\\n目」 for 科技项目 — the rule of the exact
post-filter. Pass plain text
(tags stripped): anything tag-like in it is shown, escaped, as text.
"""

from __future__ import annotations

import re
from html import escape

from .query import ParsedQuery, phrase_pattern
from .segment import normalize_with_offsets

ELLIPSIS = "…"
_SPACE_RUN = re.compile(r"\s+")
_FIRST_PREFIX = 4096  # characters searched first in a long body
_MAX_SPANS = 500  # enough for any snippet; bounds the work on a body that repeats the word everywhere

Span = tuple[int, int, frozenset[int]]  # start, end (raw offsets), indexes of the phrases marked


def _find_spans(raw: str, phrases: list[str]) -> list[Span]:
    """Non-overlapping raw-text spans of the phrases, earliest first; overlaps are merged."""
    phrases = [phrase for phrase in phrases if phrase]
    if not raw or not phrases:
        return []
    normalized, origin = normalize_with_offsets(raw)
    found: list[Span] = []
    for number, phrase in enumerate(phrases):
        for count, match in enumerate(phrase_pattern(phrase).finditer(normalized)):
            if count >= _MAX_SPANS:
                break
            found.append((origin[match.start()], origin[match.end() - 1] + 1, frozenset((number,))))
    found.sort(key=lambda span: (span[0], span[1]))
    merged: list[Span] = []
    for start, end, numbers in found:
        if merged and start < merged[-1][1]:
            previous = merged[-1]
            merged[-1] = (previous[0], max(previous[1], end), previous[2] | numbers)
        else:
            merged.append((start, end, numbers))
    return merged[:_MAX_SPANS]


def _display(piece: str) -> str:
    return escape(_SPACE_RUN.sub(" ", piece), quote=True)


def _render(raw: str, spans: list[Span], start: int, end: int) -> str:
    out: list[str] = []
    position = start
    for span_start, span_end, _numbers in spans:
        if span_start < start or span_end > end:
            continue
        out.append(_display(raw[position:span_start]))
        out.append(f"<mark>{_display(raw[span_start:span_end])}</mark>")
        position = span_end
    out.append(_display(raw[position:end]))
    return "".join(out)


def highlight(title: str, parsed: ParsedQuery) -> str:
    """The whole title, escaped, with the user's words in ``<mark>``."""
    return _render(title, _find_spans(title, parsed.phrases), 0, len(title)).strip()


def _best_window(spans: list[Span], width: int) -> tuple[int, int]:
    """Indexes (first, last) of the earliest run of spans that fits in ``width`` and shows the most
    distinct words (the opening of a document usually says what it is about)."""
    best, best_words = (0, 0), 0
    for first in range(len(spans)):
        words: set[int] = set()
        last = first
        for candidate in range(first, len(spans)):
            if spans[candidate][1] - spans[first][0] > width:
                break
            words |= spans[candidate][2]
            last = candidate
        if len(words) > best_words:
            best, best_words = (first, last), len(words)
    return best


def _window(spans: list[Span], width: int, length: int) -> tuple[int, int]:
    """Raw offsets of a ``width``-character window centred on the best run of matches."""
    if not spans:
        return 0, min(length, width)
    first, last = _best_window(spans, width)
    cover_start, cover_end = spans[first][0], spans[last][1]
    start = max(0, cover_start - max(0, width - (cover_end - cover_start)) // 2)
    end = min(length, max(start + width, cover_end))
    start = max(0, min(start, end - width))
    # Never cut through a mark: widen to whole spans at both edges.
    for span_start, span_end, _numbers in spans:
        if span_start < start < span_end:
            start = span_start
        if span_start < end < span_end:
            end = span_end
    return start, end


def snippet(raw_text: str, parsed: ParsedQuery, width: int = 120) -> str:
    """About ``width`` characters of ``raw_text`` around the best match, escaped, words in ``<mark>``,
    with "…" where the text was cut. Without a match (the words were in the title) the opening is shown.

    Long bodies are searched in doubling prefixes: once a window shows every word and lies inside the
    part searched, nothing later can beat it (the earliest window wins ties), so a 300-page report costs
    what its first pages cost.
    """
    width = max(width, 1)
    raw = raw_text.strip()
    wanted = len(set(parsed.phrases))
    limit = _FIRST_PREFIX
    while True:
        spans = _find_spans(raw[:limit], parsed.phrases)
        start, end = _window(spans, width, len(raw))
        shown = set().union(*(numbers for s_start, s_end, numbers in spans if start <= s_start and s_end <= end))
        if limit >= len(raw) or (spans and len(shown) >= wanted and end < limit):
            break
        limit *= 2
    body = _render(raw, spans, start, end).strip()
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(raw) else ""
    return f"{prefix}{body}{suffix}"
