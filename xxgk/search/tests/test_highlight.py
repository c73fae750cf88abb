"""Snippets and highlighted titles: the right window, and HTML that cannot carry markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from xxgk.search import highlight as highlight_module
from xxgk.search.highlight import ELLIPSIS, highlight, snippet
from xxgk.search.query import parse_query

REPORT = (
    "一、总体情况\n2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，"
    + "扎实推进政务公开工作。" * 12
    + "二、主动公开情况\n全年主动公开政府信息312条，其中规范性文件4件，政策解读材料9件，"
    + "科技项目申报、评审、立项信息56条，均经过保密审查后发布。"
    + "三、依申请公开情况\n全年收到政府信息公开申请17件。" * 10
)


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(fragment: str) -> tuple[list[str], str]:
    collector = _TagCollector()
    collector.feed(fragment)
    collector.close()
    return collector.tags, "".join(collector.text)


def assert_only_balanced_marks(fragment: str) -> None:
    tags, _text = parse_html(fragment)
    assert set(tags) <= {"mark", "/mark"}
    assert tags == ["mark", "/mark"] * (len(tags) // 2)


def test_snippet_is_centred_on_the_match_and_cut_with_ellipses():
    result = snippet(REPORT, parse_query("保密审查"), width=60)
    assert result.startswith(ELLIPSIS) and result.endswith(ELLIPSIS)
    assert "<mark>保密审查</mark>" in result
    _tags, text = parse_html(result)
    body = text.strip(ELLIPSIS)
    assert len(body) <= 60
    before, after = body.split("保密审查")
    assert abs(len(before) - len(after)) <= 4


def test_snippet_prefers_the_window_that_shows_every_word():
    # 公开 is everywhere; only one place shows it with 科技项目.
    result = snippet(REPORT, parse_query("公开 科技项目"), width=80)
    assert "<mark>科技项目</mark>" in result and "<mark>公开</mark>" in result


def test_snippet_without_a_match_shows_the_opening():
    result = snippet(REPORT, parse_query("不存在的词"), width=30)
    assert not result.startswith(ELLIPSIS) and result.endswith(ELLIPSIS)
    assert "<mark>" not in result
    assert parse_html(result)[1].startswith("一、总体情况")


def test_short_text_is_not_cut():
    assert snippet("关于开展保密检查的通知", parse_query("保密")) == "关于开展<mark>保密</mark>检查的通知"


def test_whitespace_is_collapsed_and_a_word_split_by_a_line_break_is_marked():
    result = snippet("高新科技项\n目  申报\n\n指南", parse_query("科技项目"))
    assert result == "高新<mark>科技项 目</mark> 申报 指南"


def test_full_width_text_is_marked_for_a_half_width_query():
    assert highlight("采购信息（ＰＤＦ）", parse_query("pdf")) == "采购信息（<mark>ＰＤＦ</mark>）"


def test_numbers_are_marked_whole():
    assert highlight("第112号与第12号", parse_query("12号")) == "第112号与第<mark>12号</mark>"


def test_overlapping_words_give_one_mark():
    assert highlight("科技项目", parse_query("科技 技项")) == "<mark>科技项</mark>目"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("关于<script>alert(1)</script>开展保密检查的通知", "保密"),
        ("关于<script>alert(1)</script>开展保密检查的通知", "<script>"),
        ("关于<script>alert(1)</script>开展保密检查的通知", "script>alert"),
        ('<img src=x onerror="alert(1)">保密', 'onerror="alert(1)"'),
        ("a &amp; b &lt;保密&gt;", "&amp;"),
        ("a &amp; b &lt;保密&gt;", "amp"),
        ("保密</mark><mark>检查", "</mark>"),
        ("AT&T 保密", "t&t"),
    ],
)
def test_markup_in_text_or_query_is_escaped(text, query):
    for fragment in (snippet(text, parse_query(query), width=20), highlight(text, parse_query(query))):
        assert_only_balanced_marks(fragment)
        assert "<script" not in fragment and "<img" not in fragment
        _tags, shown = parse_html(fragment)
        assert shown.strip(ELLIPSIS) in " ".join(text.split())  # the visible text is the text itself


def test_highlight_keeps_the_whole_title():
    title = "市政府办公室关于印发规范性文件管理办法的通知"
    assert highlight(title, parse_query("规范性文件 通知")) == (
        "市政府办公室关于印发<mark>规范性文件</mark>管理办法的<mark>通知</mark>"
    )
    assert highlight(title, parse_query("")) == title


def test_a_long_body_is_only_read_up_to_the_best_window(monkeypatch):
    body = REPORT * 200
    seen: list[int] = []
    real = highlight_module.normalize_with_offsets

    def recording(text: str):
        seen.append(len(text))
        return real(text)

    monkeypatch.setattr(highlight_module, "normalize_with_offsets", recording)
    result = snippet(body, parse_query("政务公开"))
    assert "<mark>政务公开</mark>" in result
    assert max(seen) < len(body) / 20
    seen.clear()
    snippet(body, parse_query("保密审查 依申请公开"))  # both near the start of each report copy
    assert max(seen) < len(body) / 20
