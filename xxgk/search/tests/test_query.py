"""Query parsing, rendered expressions run against real SQLite FTS5 and PostgreSQL, and the post-filter."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Iterator

import pytest

from xxgk.search.query import (
    FIELD_SEPARATOR,
    MAX_QUERY_LENGTH,
    ParsedQuery,
    matches_exactly,
    parse_query,
    to_fts5,
    to_tsquery,
)
from xxgk.search.segment import index_text, normalize

CORPUS = {
    1: "关于开展保密检查的通知",
    2: "高新科技项目申报指南",
    3: "2024年度科技项目验收结果公示",
    4: "科技局关于高新技术企业认定的公告",
    5: "高新区政府2023年三公经费决算说明",
    6: "市政府办公室关于印发规范性文件管理办法的通知",
    7: "依申请公开政府信息告知书（不予公开）",
    8: "国办发〔2024〕12号文件政策解读",
    9: "关于科技成果转化项目资金的公示",
    10: "保密审查制度与信息公开目录",
    11: "朝阳市科技局2012年度政府信息公开工作报告",
    12: "COVID-19疫情防控物资采购信息（ＰＤＦ）",
    13: "Open data 开放数据目录 OR NEAR 说明",
    14: "科技、项目管理办法",
    15: "星号*与脱字符^说明（括号）",
    16: "第112号通知 PM2.5监测 20240101批次",
}

# query → ids that must be returned (index candidates, then the exact post-filter)
CASES = {
    "保密": [1, 10],
    "科技项目": [2, 3],  # not 9 or 14: they hold 科技 and 项目, never 科技项目
    "科技 项目": [2, 3, 9, 14],
    '"科技 项目"': [2, 3],  # spaces inside a Chinese phrase are layout
    "区政府": [5],  # jieba cuts 高新区/政府 in the text
    "市政府": [6],
    "市科技局": [11],  # 朝阳市/科技局
    "政府信息公开": [11],
    "依申请公开": [7],
    "高新技术企业": [4],
    "三公经费 决算": [5],
    "ＰＤＦ": [12],
    "pdf": [12],
    "COVID-19": [12],
    "2024": [3, 8],  # not 16: 20240101 is another number
    "12号": [8],  # not 16: 112号
    "PM2.5": [16],
    "5": [16],
    "国办发〔2024〕12号": [8],
    "政策解读": [8],
    "保密 -检查": [10],
    "科技 -项目": [4, 11],
    '科技 -"科技项目"': [4, 9, 11, 14],  # excluded phrase: decided by the post-filter
    "“信息公开”": [10, 11],
    "目录 -“信息公开”": [13],
    "－保密审查 保密": [1],
}

INJECTIONS = {
    '"': [],
    '保密" OR "科技': [],  # three literal words: 保密, or, 科技
    "科技 OR 项目": [],
    "OR": [13],
    "NEAR": [13],
    "NEAR(保密 检查)": [],
    "near(保密, 检查, 5)": [],
    "科技*": [],
    "星号*": [15],
    "*": [],
    "-": [],
    "- 保密": [1, 10],
    "^保密": [],
    "脱字符^": [15],
    "(保密)": [],
    "(括号)": [15],
    "保密)": [],
    "((保密": [],
    "title:保密": [],
    "{body}: 保密": [],
    "body : 保密": [],
    "保密 AND": [],
    "保密 NOT 检查": [],
    '"保密': [1, 10],  # an unclosed quote runs to the end
    '保密"': [1, 10],
    "保密 + 审查": [10],
    "'; DROP TABLE docs; --": [],
}


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute("create virtual table docs using fts5(body, tokenize='unicode61')")
    connection.executemany(
        "insert into docs(rowid, body) values (?, ?)", [(i, index_text(t)) for i, t in CORPUS.items()]
    )
    yield connection
    connection.close()


def fts5_candidates(connection: sqlite3.Connection, parsed: ParsedQuery) -> set[int]:
    expression = to_fts5(parsed)
    if not expression:
        return set()
    rows = connection.execute("select rowid from docs where docs match ? order by rank", (expression,))
    return {row[0] for row in rows}


def search(connection: sqlite3.Connection, query: str) -> list[int]:
    """The two stages as a backend runs them; single-character queries are scanned."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return []
    candidates = set(CORPUS) if parsed.needs_scan else fts5_candidates(connection, parsed)
    return sorted(i for i in candidates if matches_exactly(parsed, CORPUS[i]))


def ground_truth(query: str) -> list[int]:
    parsed = parse_query(query)
    return sorted(i for i, text in CORPUS.items() if matches_exactly(parsed, text))


# --- parsing ----------------------------------------------------------------------------------------


def test_plain_words_are_anded_and_segmented_like_the_index():
    parsed = parse_query("科技 项目")
    assert parsed.phrases == ["科技", "项目"]
    assert parsed.terms == ["科技", "项目"]
    assert parse_query("科技项目").terms == ["科技", "技项", "项目"]


def test_quoted_phrase_and_exclusion():
    parsed = parse_query('"行政 复议" -保密 -"政府 信息"')
    assert parsed.phrases == ["行政复议"]
    assert parsed.excluded == ["保密", "政府信息"]
    assert parsed.excluded_terms == ["保密"]  # 政府信息 is four tokens: only the post-filter can decide


def test_only_exact_single_tokens_are_excluded_in_the_index():
    assert parse_query("x -pdf -保密 -résumé -科技局 -12").excluded_terms == ["pdf", "保密", "12"]


def test_full_width_syntax_from_chinese_input_methods():
    parsed = parse_query("－“政府 信息”　科技局")
    assert parsed.excluded == ["政府信息"]
    assert parsed.phrases == ["科技局"]


@pytest.mark.parametrize("query", ["", "   ", "\t\n　", "，。！？", "-", "--", '""', "“”", "-保密", "《》〔〕"])
def test_empty_whitespace_punctuation_or_only_exclusions_give_an_empty_query(query):
    parsed = parse_query(query)
    assert parsed.is_empty and not parsed.needs_scan
    assert to_fts5(parsed) == "" and to_tsquery(parsed) == ""
    assert not matches_exactly(parsed, "任何文本")


def test_long_queries_are_truncated():
    parsed = parse_query("科技" * 80)
    assert parsed.truncated
    assert len(parsed.phrases[0]) == MAX_QUERY_LENGTH
    assert not parse_query("科技" * 50).truncated


def test_single_han_character_needs_a_scan():
    parsed = parse_query("局")
    assert parsed.needs_scan and not parsed.is_empty
    assert to_fts5(parsed) == ""
    assert not parse_query("局 科技").needs_scan  # 科技 reaches the index, the post-filter checks 局


def test_edge_punctuation_is_not_part_of_a_word():
    assert parse_query("「政策解读」，").phrases == ["政策解读"]
    assert parse_query("《条例》").phrases == ["《条例》"]  # title marks are meaningful


def test_post_filter_uses_the_same_normalisation_as_the_index():
    parsed = parse_query("科技项目 pdf")
    assert matches_exactly(parsed, "高新科技项\n目（ＰＤＦ）")
    assert not matches_exactly(parsed, "科技、项目（ＰＤＦ）")


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("12", "国办发〔2024〕12号", True),
        ("12号", "第112号", False),  # a number is a whole number
        ("2024", "20240101", False),
        ("pdf", "（ＰＤＦ）文件", True),
        ("pdf", "pdfs", False),
        ("covid", "COVID-19", True),
        ("保密", "涉密保密检查", True),  # Han characters have no word edges
        ("号江", "12号 江南", True),  # the space next to Han characters is layout
    ],
)
def test_latin_words_and_numbers_match_whole(query, text, found):
    assert matches_exactly(parse_query(query), text) is found


def test_field_separator_keeps_words_from_spanning_title_and_body():
    parsed = parse_query("科技项目")
    assert not matches_exactly(parsed, "关于高新科技" + FIELD_SEPARATOR + "项目申报")


# --- SQLite FTS5 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), CASES.items())
def test_fts5_search(fts5, query, expected):
    assert search(fts5, query) == expected
    assert ground_truth(query) == expected  # the index lost nothing the post-filter would keep


def test_fts5_scan_for_a_single_character(fts5):
    assert search(fts5, "局") == [4, 11]


@pytest.mark.parametrize(("query", "expected"), INJECTIONS.items())
def test_fts5_syntax_in_user_input_stays_literal(fts5, query, expected):
    assert search(fts5, query) == expected  # an operator that leaked would raise or change the rows
    assert ground_truth(query) == expected


def test_fts5_quotes_inside_tokens_are_escaped(fts5):
    hostile = ParsedQuery(terms=['保密" OR "科技', "*", "NEAR(a b)"], phrases=["x"])
    assert fts5_candidates(fts5, hostile) == set()
    excluded = ParsedQuery(terms=["保密"], phrases=["保密"], excluded=['检查"'], excluded_terms=['检查"'])
    assert fts5_candidates(fts5, excluded) == {10}  # the quote stayed inside: 检查 was excluded, nothing else


def test_fts5_random_substrings_find_every_document_that_contains_them(fts5):
    """Recall 1.0 and precision 1.0 on 400 substrings cut at random, not at word boundaries."""
    rng = random.Random(11)
    texts = [normalize(text) for text in CORPUS.values()]
    for _ in range(400):
        text = rng.choice(texts)
        start = rng.randrange(len(text) - 1)
        word = text[start : start + rng.randint(2, 7)]
        if not word.strip():
            continue
        query = '"' + word.replace('"', "") + '"'
        assert search(fts5, query) == ground_truth(query), word


def test_precision_before_the_post_filter(fts5):
    """The index alone over-matches only where pairs co-occur without the word (科技、项目)."""
    parsed = parse_query("科技项目")
    assert fts5_candidates(fts5, parsed) == {2, 3}
    assert fts5_candidates(fts5, parse_query("科技 项目")) == {2, 3, 9, 14}


# --- PostgreSQL -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres() -> Iterator[object]:
    psycopg = pytest.importorskip("psycopg")
    try:
        connection = psycopg.connect(
            host="127.0.0.1", port=5432, user="postgres", dbname="postgres", connect_timeout=3, autocommit=True
        )
    except psycopg.OperationalError as error:
        message = f"PostgreSQL at 127.0.0.1:5432 is not reachable ({error.__class__.__name__})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must provide it", pytrace=False)
        pytest.skip(message)
    yield connection
    connection.close()


def postgres_candidates(connection, parsed: ParsedQuery) -> set[int]:
    tsquery = to_tsquery(parsed)
    if not tsquery:
        return set()
    found = set()
    with connection.cursor() as cursor:
        for i, text in CORPUS.items():
            cursor.execute("select to_tsvector('simple', %s) @@ to_tsquery('simple', %s)", (index_text(text), tsquery))
            if cursor.fetchone()[0]:
                found.add(i)
    return found


@pytest.mark.parametrize(("query", "expected"), [*CASES.items(), *INJECTIONS.items()])
def test_postgres_tsquery_finds_what_fts5_finds(postgres, fts5, query, expected):
    parsed = parse_query(query)
    candidates = postgres_candidates(postgres, parsed)
    assert candidates == fts5_candidates(fts5, parsed)
    if not parsed.needs_scan:
        assert sorted(i for i in candidates if matches_exactly(parsed, CORPUS[i])) == expected


def test_postgres_tsquery_escapes_hostile_tokens(postgres):
    hostile = ["it's", "a\\b", "x & y", "!z", "a:*", "<->", "(", "''", "\\'", "1|2"]
    parsed = ParsedQuery(terms=hostile, phrases=["x"], excluded_terms=["o'clock", "\\"])
    with postgres.cursor() as cursor:
        cursor.execute("select to_tsquery('simple', %s)::text", (to_tsquery(parsed),))
        rendered = cursor.fetchone()[0]
    assert "|" not in rendered.replace("'1|2'", "")  # no operator other than the ANDs we wrote
    for term in hostile:
        single = ParsedQuery(terms=[term], phrases=["x"])
        with postgres.cursor() as cursor:
            cursor.execute(
                "select to_tsvector('simple', %s) @@ to_tsquery('simple', %s)", ("nothing here", to_tsquery(single))
            )
            assert cursor.fetchone()[0] is False
