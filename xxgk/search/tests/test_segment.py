"""Segmentation: what the index stores, and the contract queries rely on."""

from __future__ import annotations

import random
import socket
import sys
import threading
import types
import unicodedata

import pytest

from xxgk.search import segment
from xxgk.search.query import phrase_pattern
from xxgk.search.segment import (
    index_text,
    normalize,
    normalize_with_offsets,
    query_terms,
    segmentation_fingerprint,
    tokens_for_index,
)

SENTENCES = [
    "关于开展保密检查的通知",
    "高新科技项目申报指南",
    "高新区政府2023年三公经费决算说明",
    "朝阳市科技局2012年度政府信息公开工作报告",
    "申请人依申请公开政府信息，本机关作出不予公开告知书",
    "按照市委、市政府的部署和要求，我局认真推行政务公开，增强了行政工作透明度",
    "国办发〔2024〕12号 关于推行一网通办改革的意见（ＰＤＦ版）",
    "COVID-19疫情期间PM2.5监测数据依法主动公开",
    "市科技情报研究所负责平台搭建并提供技术支持和服务",
    "对行政复议和行政诉讼案件，依照规范性文件清理结果办理",
]


def test_normalize_folds_width_case_format_chars_and_layout_whitespace():
    assert normalize("ＰＤＦ文件２０２４") == "pdf文件2024"
    assert normalize("保\u200b密\ufeff检查") == "保密检查"
    assert normalize("科技项\n  目") == "科技项目"  # a line break inside a word is layout
    assert normalize("open   data\tportal") == "open data portal"  # Latin words stay apart
    assert normalize("  科技 ") == "科技"


def test_normalize_with_offsets_maps_back_to_raw_text():
    raw = "Ａ……科技项\n目\u200b!"
    normalized, origin = normalize_with_offsets(raw)
    assert normalized == normalize(raw) == "a......科技项目!"
    assert len(origin) == len(normalized)
    start = normalized.index("科技项目")
    assert raw[origin[start] : origin[start + 3] + 1] == "科技项\n目"
    assert raw[origin[1]] == "…"  # one raw character, three normalised dots


@pytest.mark.parametrize("raw", ["气温35℃……㎡\u200b科技", "ＡＢ\u00ad\u200dC  ＤE……", "", "……", "科 技", "ａ\n\n ｂ"])
def test_normalize_with_offsets_equals_normalising_one_character_at_a_time(raw):
    normalized, origin = normalize_with_offsets(raw)
    pieces = [
        (index, "" if unicodedata.category(ch) == "Cf" else unicodedata.normalize("NFKC", ch).lower())
        for index, ch in enumerate(raw)
    ]
    expected = normalize("".join(piece for _index, piece in pieces))
    assert normalized == expected == normalize(raw)
    assert len(origin) == len(normalized)
    every = [index for index, piece in pieces for _ in piece]
    assert set(origin) <= set(every) and origin == sorted(origin)
    for position, char in enumerate(normalized):
        if char != " ":
            assert char in unicodedata.normalize("NFKC", raw[origin[position]]).lower()


def test_index_text_is_space_separated_words_without_punctuation():
    text = index_text("关于开展保密检查的通知。")
    assert text.split() == tokens_for_index("关于开展保密检查的通知。")
    assert "保密" in text.split()
    assert "。" not in text and "  " not in text


def test_search_mode_words_and_pairs_are_indexed():
    tokens = tokens_for_index("高新科技项目申报指南")
    # jieba's precise mode cuts 高新科技/项目, so 科技 comes only from search mode.
    assert "科技" not in segment.get_tokenizer().lcut("高新科技项目申报指南")
    assert {"高新科技", "科技", "项目", "申报", "指南"} <= set(tokens)
    assert "技项" in tokens  # the pair across jieba's cut


def test_numbers_and_latin_words_are_kept_in_lower_case_split_at_punctuation():
    tokens = tokens_for_index("COVID-19疫情 PM2.5 国办发〔2024〕12号 ＰＤＦ www.gov.cn")
    assert {"covid", "19", "pm2", "5", "2024", "12", "pdf", "www", "gov", "cn"} <= set(tokens)
    # Plain words only, so SQLite's unicode61 and PostgreSQL's parser cannot re-split them differently.
    assert all(token.isalnum() for token in tokens)


def test_latin_words_do_not_depend_on_jieba_dictionary_entries():
    # jieba's dictionary has 江南style and 4s店: the Latin part must come out the same in any context.
    assert {"style", "4s"} <= set(tokens_for_index("江南style 4s店"))
    assert "江南style" not in tokens_for_index("江南style")


def test_single_han_characters_are_not_indexed():
    assert "的" not in tokens_for_index("关于开展保密检查的通知")
    assert tokens_for_index("局") == []
    assert query_terms("局") == []


def test_whitespace_and_punctuation_give_no_tokens():
    assert tokens_for_index("") == []
    assert tokens_for_index(" \n\t　") == []
    assert index_text("，。、！？——……《》") == ""


def test_user_dictionary_keeps_domain_terms_whole():
    tokens = tokens_for_index("推行一网通办改革，开展双随机一公开监管，三公经费决算")
    assert {"一网通办", "双随机一公开", "三公经费"} <= set(tokens)


def test_query_terms_are_in_every_text_that_contains_the_word():
    """The contract behind recall 1.0: whenever the post-filter accepts a word, the index holds its terms."""
    rng = random.Random(20261124)
    checked = 0
    for sentence in SENTENCES:
        tokens = set(tokens_for_index(sentence))
        normalized = normalize(sentence)
        for _ in range(60):
            start = rng.randrange(len(normalized))
            word = normalized[start : start + rng.randint(1, 8)]
            if phrase_pattern(word).search(normalized):  # not when it cuts a number or Latin word
                assert set(query_terms(word)) <= tokens, (word, sentence)
                checked += 1
    assert checked > 400


def test_query_terms_come_from_the_index_tokenizer():
    for sentence in SENTENCES:
        assert set(query_terms(sentence)) <= set(tokens_for_index(sentence))


def test_jieba_alone_would_miss_a_word_cut_differently_in_context():
    sentence = "高新区政府2023年三公经费决算说明"
    search_words = set(segment.get_tokenizer().lcut_for_search(normalize(sentence)))
    assert not set(segment.get_tokenizer().lcut_for_search("区政府")) <= search_words
    assert set(query_terms("区政府")) <= set(tokens_for_index(sentence))


def test_tokenizer_loads_once_under_concurrency(monkeypatch):
    calls: list[int] = []
    real_load = segment._load

    def counting_load():
        calls.append(1)
        return real_load()

    monkeypatch.setattr(segment, "_tokenizer", None)
    monkeypatch.setattr(segment, "_load", counting_load)
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(segment.get_tokenizer())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(result) for result in results}) == 1


def test_loading_is_silent_offline_and_survives_without_a_cache_dir(monkeypatch, capfd):
    def no_network(*args, **kwargs):
        raise AssertionError("jieba tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(segment, "_private_cache_dir", lambda: None)
    monkeypatch.setattr(segment, "_tokenizer", None)
    assert "保密" in tokens_for_index("关于开展保密检查的通知")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_private_cache_dir_is_owned_and_closed(monkeypatch, tmp_path):
    monkeypatch.setattr(segment.tempfile, "tempdir", str(tmp_path))
    path = segment._private_cache_dir()
    assert path is not None and path.startswith(str(tmp_path))
    mode = (tmp_path / path.rsplit("/", 1)[1]).stat().st_mode
    assert mode & 0o077 == 0


def test_private_cache_dir_refuses_a_directory_others_can_write(monkeypatch, tmp_path):
    monkeypatch.setattr(segment.tempfile, "tempdir", str(tmp_path))
    planted = tmp_path / f"xxgk-jieba-{segment.os.getuid()}"
    planted.mkdir()
    planted.chmod(0o777)
    assert segment._private_cache_dir() is None


def test_jieba_fast_is_preferred_when_installed(monkeypatch):
    fake = types.ModuleType("jieba_fast")
    monkeypatch.setitem(sys.modules, "jieba_fast", fake)
    assert segment._engine() is fake
    monkeypatch.setitem(sys.modules, "jieba_fast", None)  # makes the import fail
    assert segment._engine().__name__ == "jieba"


def test_fingerprint_follows_the_user_dictionary(monkeypatch, tmp_path):
    before = segmentation_fingerprint()
    changed = tmp_path / "userdict.txt"
    changed.write_text(segment.USERDICT_PATH.read_text(encoding="utf-8") + "新词条\n", encoding="utf-8")
    monkeypatch.setattr(segment, "USERDICT_PATH", changed)
    assert segmentation_fingerprint() != before


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_token_is_a_substring_of_the_normalised_text(sentence):
    normalized = normalize(sentence)
    assert all(token in normalized for token in tokens_for_index(sentence))
