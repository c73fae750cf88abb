"""Detectors of personal data and secrecy marks (rules.md §1.5), on government-document sentences."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from xxgk.core.identifiers import is_valid_uscc, luhn_ok
from xxgk.core.tests.test_identifiers import make_card, make_resident_id, make_uscc
from xxgk.screening.detectors import Finding, FindingKind, normalize_for_scan, scan

TODAY = date(2024, 6, 1)
ID = make_resident_id("350102", "19800101", "123")  # = 350102198001011233, checked by hand in test_identifiers
CARD16 = make_card("622202123456789")
CARD19 = make_card("621226120201158434")
FULL_WIDTH = str.maketrans("0123456789Xx@.-", "０１２３４５６７８９Ｘｘ＠．－")

K = FindingKind


def found(text: str) -> list[tuple[FindingKind, str]]:
    findings = scan(text, today=TODAY)
    for f in findings:
        assert text[f.start : f.end] == f.text  # offsets index the original text
    return [(f.kind, f.text) for f in findings]


def fw(text: str) -> str:
    return text.translate(FULL_WIDTH)


# --- normalisation --------------------------------------------------------------------------------


def test_normalisation_keeps_length_and_leaves_circled_digits() -> None:
    text = "电话：１３８－１２３４－５６７８　①②，（内部）"
    norm = normalize_for_scan(text)
    assert len(norm) == len(text)
    assert norm == "电话:138-1234-5678 ①②,(内部)"


# --- 身份证号 -------------------------------------------------------------------------------------


def test_full_resident_id_in_a_sentence() -> None:
    text = f"申请人张某，身份证号码{ID}，现申请公开……"
    assert found(text) == [(K.RESIDENT_ID, ID)]
    assert scan(text, today=TODAY)[0].message == "发现完整的身份证号码"


def test_resident_id_variants() -> None:
    with_x = make_resident_id("110105", "19491231", "002")
    assert with_x.endswith("X")
    assert found(f"身份证{with_x.lower()}。") == [(K.RESIDENT_ID, with_x.lower())]
    assert found(f"身份证{fw(ID)}。") == [(K.RESIDENT_ID, fw(ID))]
    spaced = f"{ID[:6]} {ID[6:14]} {ID[14:]}"
    assert found(f"身份证号：{spaced}") == [(K.RESIDENT_ID, spaced)]
    assert found("原身份证号350102800101123。") == [(K.RESIDENT_ID, "350102800101123")]


def test_resident_id_negatives() -> None:
    bad_check = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    assert found(f"身份证号{bad_check}。") == []
    assert found(f"号码{make_resident_id('350102', '19801301', '123')}。") == []  # month 13
    assert found(f"编号9{ID}1。") == []  # inside a longer digit run
    assert found(f"编号A{ID}。") == []  # inside a code
    assert found("注册号350102800101123。") == []  # 15-digit 工商注册号, labelled
    assert found("编号350102801301123。") == []  # 15 digits, no real date


def test_uscc_is_never_personal_data() -> None:
    assert found("统一社会信用代码：91350100M000100Y43。") == []
    assert found("信用代码91350100M000100Y43，法定代表人……") == []
    # An all-digit USCC that passes Luhn is not a bank card either.
    all_digit = next(
        code for n in range(10_000) if (code := make_uscc(f"1135010000{n:07d}")).isdigit() and luhn_ok(code)
    )
    assert found(f"执法主体代码{all_digit}。") == []


def test_number_valid_as_id_and_uscc_follows_its_label() -> None:
    both = next(
        value for seq in range(1000) if is_valid_uscc(value := make_resident_id("110105", "19491231", f"{seq:03d}"))
    )
    assert found(f"统一社会信用代码：{both}") == []
    assert found(f"身份证号：{both}") == [(K.RESIDENT_ID, both)]


# --- 手机号码 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "13812345678",
        "138-1234-5678",
        "138 1234 5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "86-13812345678",
        "008613812345678",
        "19912345678",
    ],
)
def test_mobile_forms(phone: str) -> None:
    assert found(f"联系人：王某，联系电话：{phone}。") == [(K.MOBILE, phone)]


def test_full_width_mobile() -> None:
    assert found("手机１３８１２３４５６７８，") == [(K.MOBILE, "１３８１２３４５６７８")]
    assert found("手机１３８－１２３４－５６７８，") == [(K.MOBILE, "１３８－１２３４－５６７８")]


@pytest.mark.parametrize(
    "text",
    [
        "监督投诉电话：0728-5226976。",  # landline of the agency (seed 003)
        "电话：0533-6961249；传真：0533-6961249",  # seed 001
        "联系电话：0421-2812345，13:00—17:00受理",
        "服务热线400-810-8888",
        "订单号2013812345678901",  # a mobile-looking slice of a longer number
        "编号12812345678",  # second digit 2 is no mobile
        "截止20121231日，主动公开165条",
    ],
)
def test_mobile_negatives(text: str) -> None:
    assert found(text) == []


# --- 银行卡号 -------------------------------------------------------------------------------------


def test_bank_cards() -> None:
    assert found(f"请汇入账户{CARD19}。") == [(K.BANK_CARD, CARD19)]
    grouped = " ".join(CARD16[i : i + 4] for i in range(0, 16, 4))
    assert found(f"卡号：{grouped}，户名：李某") == [(K.BANK_CARD, grouped)]
    hyphened = "-".join(CARD16[i : i + 4] for i in range(0, 16, 4))
    assert found(f"卡号{hyphened}") == [(K.BANK_CARD, hyphened)]
    assert found(f"卡号{fw(CARD16)}") == [(K.BANK_CARD, fw(CARD16))]


def test_bank_card_negatives() -> None:
    bad = CARD16[:-1] + str((int(CARD16[-1]) + 1) % 10)
    assert found(f"卡号{bad}") == []
    grouped20 = " ".join(make_card("6222021234567890123")[i : i + 4] for i in range(0, 20, 4))
    assert found(f"编号{grouped20}") == []  # a fifth group: not a 16-digit card plus change
    assert found(f"流水号A{CARD16}") == []


def test_id_that_passes_luhn_is_reported_once_as_id() -> None:
    value = next(v for seq in range(1000) if luhn_ok(v := make_resident_id("350102", "19800101", f"{seq:03d}")))
    assert found(f"身份证号{value}") == [(K.RESIDENT_ID, value)]


# --- email ----------------------------------------------------------------------------------------


def test_emails() -> None:
    # seed 001: the office's contact block
    text = "（地址：高青县城黄河路87号；邮编：256300；电话：0533-6961249；电子邮箱：heye0711@163.com）"
    assert (K.EMAIL, "heye0711@163.com") in found(text)
    assert found("邮箱zhang.san+xxgk@mail.example.gov.cn。") == [(K.EMAIL, "zhang.san+xxgk@mail.example.gov.cn")]
    assert found(f"邮箱{fw('zhang@163.com')}") == [(K.EMAIL, fw("zhang@163.com"))]


def test_email_negatives() -> None:
    assert found("可在“高青县人民政府网”（www.gaoqing.gov.cn）下载") == []
    assert found("本文地址：https://www.gunzhua.com/fanwen/648283.html") == []
    assert found("发送至user@localhost") == []


def test_email_containing_a_mobile_is_one_finding() -> None:
    assert found("邮箱13812345678@qq.com") == [(K.EMAIL, "13812345678@qq.com")]


# --- 详细住址 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("家住朝阳市龙城区新华街道燕都路12号3单元502室。", "朝阳市龙城区新华街道燕都路12号3单元502室"),
        ("户籍地：朝阳县木头城子镇某某村5组18号", "朝阳县木头城子镇某某村5组18号"),
        ("现居住在双塔区阳光小区8号楼，", "双塔区阳光小区8号楼"),
        ("办公地址位于朝阳市龙山区文化路四段12号。", "朝阳市龙山区文化路四段12号"),
        ("地址：高青县城黄河路87号；", "高青县城黄河路87号"),
        ("住所：北京市东城区东四十条胡同3号院2号楼1单元301室", "北京市东城区东四十条胡同3号院2号楼1单元301室"),
        ("住址：朝阳市双塔区友谊大街１２号", "朝阳市双塔区友谊大街１２号"),
        ("住址：某某路1-3号", "某某路1-3号"),
    ],
)
def test_detailed_addresses(text: str, address: str) -> None:
    assert found(text) == [(K.ADDRESS, address)]


@pytest.mark.parametrize(
    "text",
    [
        "在市政府网站、局网站发布局领导到捧乍镇老厂村及小寨村走访慰问信息",  # seed 004: no number
        "朝阳市龙城区新华街道",
        "某某村5组村民反映",  # no house number
        "《关于政府信息公开工作年度报告有关事项的通知》(国办公开办函﹝2019﹞60号)",
        "根据中央1号文件精神",
        "全村128户，其中贫困户12户",
        "在本局二楼设立政务公开栏",  # seed 004
        "第二十条第（五）项",
        "工作思路一是加强领导",
        "地铁2号线将于2020年底开通",
        "(2019)辽13行初5号行政判决书",
    ],
)
def test_address_negatives(text: str) -> None:
    assert found(text) == []


# --- 出生日期 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "birth"),
    [
        ("张某，男，汉族，1965年3月生，中共党员。", "1965年3月"),
        ("出生日期：1990-01-02", "1990-01-02"),
        ("李某，女，1980年5月2日出生，", "1980年5月2日"),
        ("李某，生于1988年5月，", "1988年5月"),
        ("姓名：王某  出生年月：1975.06", "1975.06"),
        ("姓名：王某 1990.01.02", "1990.01.02"),
        ("王某同志，1975年6月12日", "1975年6月12日"),
        ("出生于１９９０年１月２日", "１９９０年１月２日"),
    ],
)
def test_birth_dates(text: str, birth: str) -> None:
    assert found(text) == [(K.BIRTH_DATE, birth)]


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限是2012年1月1日至2012年12月31日。",  # seed 001
        "事故发生于2019年3月1日。",
        "李某同志于2019年3月1日调任局长。",
        "2019年3月1日，李某同志到村走访。",  # the person comes in a later clause
        "三八妇女节2019年3月8日",
        "2019年出生率为千分之八",
        "填报人: 李雯 | 联系电话: 0859-2290003 填报日期:2017年2月28日",  # seed 004
        "姓名：王某，出生日期：1990年13月2日",  # no such month
        "2019年3月生猪存栏12万头。",
        "局长：张三，男，1968年生。",  # a birth year alone is not flagged
    ],
)
def test_birth_date_negatives(text: str) -> None:
    assert [kind for kind, _ in found(text)] == []


# --- 密级标志 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("秘密★1年\n关于做好……的通知", "秘密★1年"),
        ("机密★10年", "机密★10年"),
        ("　绝密★长期", "绝密★长期"),
        ("正文\n内部★\n", "内部★"),
        ("密级：秘密", "密级：秘密"),
        ("内部资料 注意保存\n2019年工作要点", "内部资料 注意保存"),
        ("本书为内部资料，不得外传", "内部资料"),
        ("内部文件，注意保存", "内部文件，注意保存"),
        ("关于做好信息公开的通知\n（内部）\n各科室：", "（内部）"),
        ("【机密】关于……", "【机密】"),
        ("通知\n  秘密  \n正文", "秘密"),
        ("秘密\n关于……的通知", "秘密"),
        ("内部 关于调整工作分工的通知", "内部"),
        ("★重点工作", "★"),
    ],
)
def test_secrecy_marks(text: str, mark: str) -> None:
    assert found(text) == [(K.SECRECY_MARK, mark)]


@pytest.mark.parametrize(
    "text",
    [
        "我局建立了完善的政府信息公开保密审查机制。",  # seed 001
        "全体工作人员必须保守秘密。",
        "属于秘密级国家秘密的，不予公开。",
        "不同意公开答复数：其中涉及国家秘密0件，涉及商业秘密0件",
        "严禁在互联网上处理机密文件。",
        "属于内部事务信息的，可以不予公开。",
        "内部控制制度建设",  # at document start but a word, not a mark
        "结合局内部领导分工变动情况",  # seed 001
        "请申请人注意保存缴费凭证。",
        "信息的秘密性",
    ],
)
def test_secrecy_negatives(text: str) -> None:
    assert found(text) == []


def test_secrecy_mark_message_names_the_mark() -> None:
    [finding] = scan("秘密★1年")
    assert finding.message == "发现密级或内部标志“秘密★1年”，须经审核人员处理后方可发布"


# --- several detectors together -------------------------------------------------------------------


def test_a_whole_letter_sorted_and_non_overlapping() -> None:
    text = (
        "内部资料\n"
        f"申请人：张某，男，1980年1月1日出生，身份证号{ID}，"
        "住址：朝阳市双塔区凌河街道友谊大街12号，手机138 1234 5678，邮箱zhang@163.com。"
        "办理机关：朝阳市政府信息公开办公室，电话0421-2812345，统一社会信用代码91350100M000100Y43。"
    )
    assert found(text) == [
        (K.SECRECY_MARK, "内部资料"),
        (K.BIRTH_DATE, "1980年1月1日"),
        (K.RESIDENT_ID, ID),
        (K.ADDRESS, "朝阳市双塔区凌河街道友谊大街12号"),
        (K.MOBILE, "138 1234 5678"),
        (K.EMAIL, "zhang@163.com"),
    ]
    findings = scan(text, today=TODAY)
    assert all(a.end <= b.start for a, b in pairwise(findings))
    assert all(isinstance(f, Finding) for f in findings)


# --- the seed documents ---------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[2] / "core" / "demo" / "seeds"  # the copies vendored for the demo
# Read by hand: the only personal-data-shaped content in the five published reports is the
# contact block of 高青县科学技术局 in 001 — its office address and its (personal-looking) mailbox.
# Landlines (0533-6961249, 0728-5226976, 0859-2290003), 文号, 保密审查, 涉及国家秘密, 内部管理,
# 捧乍镇老厂村 and the reporting periods must stay silent.
SEED_FINDINGS: dict[str, list[tuple[FindingKind, str]]] = {
    "000_a15c1d0bfa9d8476.txt": [],
    "001_240bf6a8e549b4ec.txt": [(K.ADDRESS, "高青县城黄河路87号"), (K.EMAIL, "heye0711@163.com")],
    "002_faed99d6d17bd285.txt": [],
    "003_be3e6aa54cfd2294.txt": [],
    "004_bfd56c8b530a0c40.txt": [],
}


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_documents(name: str) -> None:
    assert found((SEEDS / name).read_text(encoding="utf-8")) == SEED_FINDINGS[name]
