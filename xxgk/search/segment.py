"""Chinese word segmentation for the full-text index — a pure module, no Django, no database.

Neither SQLite FTS5 (``unicode61``) nor PostgreSQL's ``simple`` configuration segments Chinese: a run of
Han characters is one token, so 「保密」 would never find 「关于开展保密检查的通知」. We segment before the
text reaches the database and store the tokens joined by spaces (``index_text``), so the database only
splits on spaces. Queries go through the same tokenizer (``query_terms``), and an exact post-filter on the
raw text (``query.matches_exactly``) restores precision.

jieba search mode alone is not enough: it cuts the same characters differently in different sentences
(区政府 alone is one word, in 「高新区政府」 it is 高新区/政府), so a query's words are not always words of
a text that contains it. On 411 sentences of real 年度报告 the AND of search-mode words found 94.6 % of
the matches for 35 realistic queries (missing 区政府, 市政府, 市科技局 …) and 19 % for 3-character
substrings. So the index also stores every pair of adjacent Han characters that jieba did not already emit
(+51 % tokens), and queries ask only for pairs and Latin/number runs, which do not depend on context:
recall 1.0 on every query set we tried. Standalone single Han characters are not indexed — indexing all
of them would cost +160 % for one-character queries that match nearly every document; such a query is a
substring scan (``query.ParsedQuery.needs_scan``).

Normalisation (``normalize``) is shared by the index, the query and the post-filter, so every token is a
substring of the normalised text it came from:

* NFKC, so full-width letters and digits (ＰＤＦ, ２０２４) equal their ASCII forms;
* lower case, so ``PDF`` finds ``pdf``;
* format characters (category Cf: zero-width space, soft hyphen, BOM) removed — scraped pages hold many;
* whitespace next to a Han character removed (a line break inside 「科技项\\n目」 is layout, not a word
  boundary) and any other whitespace run collapsed to one space.

jieba is loaded once, lazily and under a lock, with ``data/userdict.txt``; it never downloads anything. Its
prefix-dictionary cache goes to a private directory under the system temp dir (or nowhere), so a read-only
install works. If ``jieba_fast`` (same algorithm in C) is importable it is used instead — identical tokens
on our corpus, 1.0 s instead of 1.3 s per MB. Changing engine, dictionary or normalisation can change
tokens: rebuild the index when ``segmentation_fingerprint()`` changes.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import secrets
import stat
import sys
import tempfile
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

USERDICT_PATH = Path(__file__).resolve().parent / "data" / "userdict.txt"

# Bump when normalize() changes: every stored index_text() must be rebuilt.
NORMALIZATION_VERSION = "1"

# CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extensions B–H.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{HAN_RANGES}]")
_HAN_RUN = re.compile(f"[{HAN_RANGES}]{{2,}}")
_ALL_HAN = re.compile(f"[{HAN_RANGES}]+")
# A letter or digit of any script but Han: the characters that make up Latin words and numbers.
WORD_CHAR = f"(?:(?![{HAN_RANGES}])[^\\W_])"
_WORD_RUN = re.compile(f"{WORD_CHAR}+")
_SPACE_RUN = re.compile(r"\s+")
_WORDISH = re.compile(r"[^\W_]")  # a letter or a digit in any script

_lock = threading.Lock()
_tokenizer: Any = None  # jieba.Tokenizer or jieba_fast.Tokenizer; neither ships type hints


# --- normalisation ------------------------------------------------------------------------------


def _fold_space(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() > 0 else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if not before or not after or _HAN.match(before) or _HAN.match(after):
        return ""
    return " "


@lru_cache(maxsize=1)
def _format_chars() -> re.Pattern[str]:
    """All characters of category Cf in this Python's Unicode tables (one 0.1 s scan, on first use).

    Written as ranges (``\u2060-\u2064``): a class of 160-odd single characters made every ``sub`` ~40×
    slower, and the exact post-filter normalises every candidate's text."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) == "Cf":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def normalize(text: str) -> str:
    """Return the form of ``text`` that the index, the query and the exact post-filter all compare."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _format_chars().sub("", text)
    return _SPACE_RUN.sub(_fold_space, text.lower())


@lru_cache(maxsize=8192)
def _normalize_char(ch: str) -> str:
    if unicodedata.category(ch) == "Cf":
        return ""
    return unicodedata.normalize("NFKC", ch).lower()


# Every character's normalised piece, filled in as characters are first met (a few thousand in practice),
# so that ``str.translate`` normalises a whole body in C: one Python call per character cost ~1 ms per
# search hit. Entries are never removed (another thread may be translating with the table).
_PIECES: dict[int, str] = {}
_PIECES_MAX = 65_536


def _pieces_for(text: str) -> dict[int, str]:
    """A table holding the piece of every character of ``text``."""
    new = [ch for ch in set(text) if ord(ch) not in _PIECES]
    if not new:
        return _PIECES
    if len(_PIECES) + len(new) > _PIECES_MAX:  # a flood of rare characters: a private table, this once
        return {**_PIECES, **{ord(ch): _normalize_char(ch) for ch in new}}
    for ch in new:
        _PIECES[ord(ch)] = _normalize_char(ch)
    return _PIECES


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalize`` that also maps every output character back to its index in ``text``.

    Highlighting finds matches in the normalised text but must cut and mark the raw text. Characters are
    normalised one at a time, which equals ``normalize`` except inside combining sequences (absent from
    Chinese text); there a match may go unmarked, the output is still well-formed.
    """
    table = _pieces_for(text)
    joined = text.translate(table)
    origin = list(range(len(text)))
    odd = [ch for ch in set(text) if len(table[ord(ch)]) != 1]  # …→..., ℃→°c, Cf→nothing
    if odd:
        origin = []
        position = 0
        for match in re.finditer("[" + "".join(map(re.escape, odd)) + "]", text):
            origin.extend(range(position, match.start()))
            origin.extend([match.start()] * len(table[ord(match.group())]))
            position = match.end()
        origin.extend(range(position, len(text)))
    out: list[str] = []
    out_origin: list[int] = []
    position = 0
    for match in _SPACE_RUN.finditer(joined):
        out.append(joined[position : match.start()])
        out_origin.extend(origin[position : match.start()])
        if _fold_space(match):
            out.append(" ")
            out_origin.append(origin[match.start()])
        position = match.end()
    out.append(joined[position:])
    out_origin.extend(origin[position:])
    return "".join(out), out_origin


def is_wordish(token: str) -> bool:
    """True if the token holds a letter or digit; whitespace and punctuation tokens are not indexed."""
    return _WORDISH.search(token) is not None


# --- jieba ----------------------------------------------------------------------------------------


def _private_cache_dir() -> str | None:
    """A temp directory only this user can write: jieba unmarshals its cache from there."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    path = os.path.join(tempfile.gettempdir(), f"xxgk-jieba-{uid if uid is not None else 'user'}")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        info = os.lstat(path)
        if (
            stat.S_ISDIR(info.st_mode)
            and not info.st_mode & 0o022
            and (uid is None or info.st_uid == uid)
            and os.access(path, os.W_OK)
        ):
            return path
    except OSError:
        pass
    return None


def _engine() -> Any:
    try:
        return importlib.import_module("jieba_fast")
    except ImportError:
        return importlib.import_module("jieba")


def _cache_dir() -> tuple[str, bool]:
    """Where jieba may keep its cache, and whether it can. Without a private directory: nowhere — a
    directory that does not exist, so jieba finds no cache, fails to write one and carries on (~0.3 s
    slower start-up, nothing left behind, nothing read that another user could have planted)."""
    path = _private_cache_dir()
    if path:
        return path, True
    return os.path.join(tempfile.gettempdir(), f"xxgk-jieba-none-{secrets.token_hex(8)}"), False


def _load() -> Any:
    engine = _engine()
    cache_dir, writable = _cache_dir()
    # Silence the start-up chatter; without a writable dir also the "Dump cache file failed" traceback.
    logging.getLogger(engine.__name__).setLevel(logging.WARNING if writable else logging.CRITICAL)
    tokenizer = engine.Tokenizer()
    tokenizer.tmp_dir = cache_dir
    tokenizer.cache_file = f"{engine.__name__}.cache"  # jieba and jieba_fast each keep their own
    tokenizer.initialize()
    if USERDICT_PATH.exists():
        tokenizer.load_userdict(str(USERDICT_PATH))
    return tokenizer


def get_tokenizer() -> Any:
    """The shared jieba tokenizer, built on first use (under a second) and reused by every thread."""
    global _tokenizer
    tokenizer = _tokenizer
    if tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _load()
            tokenizer = _tokenizer
    return tokenizer


def engine_name() -> str:
    """``jieba_fast`` or ``jieba``, with its version: part of the index fingerprint."""
    engine = _engine()
    return f"{engine.__name__} {getattr(engine, '__version__', '?')}"


def segmentation_fingerprint() -> str:
    """Changes whenever stored ``index_text`` may differ: engine, user dictionary, normalisation."""
    digest = hashlib.sha256()
    digest.update(f"{engine_name()}|{NORMALIZATION_VERSION}|".encode())
    if USERDICT_PATH.exists():
        digest.update(USERDICT_PATH.read_bytes())
    return digest.hexdigest()[:16]


# --- tokens ---------------------------------------------------------------------------------------


def _han_pairs(normalized: str) -> list[tuple[str, int, int]]:
    return [
        (run.group()[i : i + 2], run.start() + i, run.start() + i + 2)
        for run in _HAN_RUN.finditer(normalized)
        for i in range(len(run.group()) - 1)
    ]


def tokens_for_index(text: str) -> list[str]:
    """The tokens to index for ``text``, in text order (duplicates kept: ranking counts them).

    * jieba search-mode words of two or more Han characters: each word with its 2- and 3-character
      sub-words (高新科技 → 高新, 科技, 高新科技);
    * every pair of adjacent Han characters jieba did not already emit at that place (科技项目 → 技项);
    * every run of letters and digits of other scripts, split at punctuation (COVID-19 → covid, 19;
      PM2.5 → pm2, 5), so SQLite's and PostgreSQL's own tokenizers see the same plain words.

    Standalone single Han characters (的, 依) are not indexed; see the module docstring.
    """
    normalized = normalize(text)
    if not normalized:
        return []
    spans = [
        (token, start, end)
        for token, start, end in get_tokenizer().tokenize(normalized, mode="search")
        if end - start >= 2 and _ALL_HAN.fullmatch(token)
    ]
    seen = {(start, token) for token, start, end in spans if end - start == 2}
    spans += [span for span in _han_pairs(normalized) if (span[1], span[0]) not in seen]
    spans += [(run.group(), run.start(), run.end()) for run in _WORD_RUN.finditer(normalized)]
    spans.sort(key=lambda span: (span[1], span[2]))
    return [token for token, _start, _end in spans]


def index_text(text: str) -> str:
    """The string to store in the full-text column: tokens joined by single spaces."""
    return " ".join(tokens_for_index(text))


def is_context_free(token: str) -> bool:
    """A pair of Han characters or a run of other letters and digits: the tokens that do not depend on
    how jieba cut the surrounding sentence."""
    return (len(token) == 2 and _ALL_HAN.fullmatch(token) is not None) or not _HAN.search(token)


def query_terms(word: str) -> list[str]:
    """The tokens of ``word`` that every text containing it is sure to have, for the database's AND.

    These are ``tokens_for_index(word)`` — the same tokenizer as the index — minus jieba's longer words,
    which depend on context: 区政府 alone is one word, in 「高新区政府」 jieba cuts 高新区/政府. Han pairs
    and letter/digit runs do not, so a text containing ``word`` (by ``query.matches_exactly``) holds all
    of them. A word of one Han character gives no term.
    """
    return list(dict.fromkeys(token for token in tokens_for_index(word) if is_context_free(token)))
