"""Masking formats of rules.md §1.5, one exact output per kind, and the refusal on secrecy marks."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.core.tests.test_identifiers import make_card, make_resident_id
from xxgk.screening.detectors import Finding, FindingKind, scan
from xxgk.screening.masking import UnmaskableFinding, is_maskable, mask, mask_all, masked_text

TODAY = date(2024, 6, 1)
ID = make_resident_id("350102", "19800101", "123")
CARD19 = make_card("621226120201158434")

K = FindingKind


def only(text: str) -> Finding:
    [finding] = scan(text, today=TODAY)
    return finding


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        # §1.5 formats
        ("手机13812341234", K.MOBILE, "138****1234"),
        ("手机138-1234-5678", K.MOBILE, "138-****-5678"),
        ("手机+86 138 1234 5678", K.MOBILE, "+86 138 **** 5678"),
        ("手机８６１３８１２３４５６７８", K.MOBILE, "８６１３８****５６７８"),
        (f"身份证{ID}", K.RESIDENT_ID, f"35*************{ID[-3:]}"),
        ("身份证11010519491231002x", K.RESIDENT_ID, "11*************02x"),
        ("身份证１１０１０５１９４９１２３１００２Ｘ", K.RESIDENT_ID, "１１*************０２Ｘ"),
        (f"身份证{ID[:6]} {ID[6:14]} {ID[14:]}", K.RESIDENT_ID, f"35**** ******** *{ID[-3:]}"),
        ("原身份证350102800101123", K.RESIDENT_ID, "35**********123"),
        # bank card: first 4 and last 4
        (f"卡号{CARD19}", K.BANK_CARD, f"6212***********{CARD19[-4:]}"),
        ("卡号4111 1111 1111 1111", K.BANK_CARD, "4111 **** **** 1111"),
        # email: first character of the local part
        ("邮箱zhang.san@example.com", K.EMAIL, "z***@example.com"),
        ("邮箱a@163.com", K.EMAIL, "a***@163.com"),
        ("邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", K.EMAIL, "ｚ***＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        # birth date: every digit starred, the shape kept
        ("出生日期：1990年01月02日", K.BIRTH_DATE, "****年**月**日"),
        ("出生日期：1990年1月2日", K.BIRTH_DATE, "****年*月*日"),
        ("出生日期：1990-01-02", K.BIRTH_DATE, "****-**-**"),
        ("张某，男，1965年3月生", K.BIRTH_DATE, "****年*月"),
        # address: kept up to the last 街道/镇/乡/区/县/市/旗, the rest → ****
        ("住址：朝阳市龙城区新华街道燕都路12号3单元502室", K.ADDRESS, "朝阳市龙城区新华街道****"),
        ("住址：朝阳县木头城子镇某某村5组18号", K.ADDRESS, "朝阳县木头城子镇****"),
        ("住址：朝阳市双塔区阳光小区8号楼", K.ADDRESS, "朝阳市双塔区****"),  # 小区 is no 区
        ("地址：高青县城黄河路87号", K.ADDRESS, "高青县****"),
        ("住址：新华街道12号", K.ADDRESS, "新华街道****"),
        ("住址：城市花园3栋", K.ADDRESS, "****"),  # 城市 is no 市
        ("住址：镇江路12号", K.ADDRESS, "****"),  # 镇 begins the road's name
        ("住址：文化路12号", K.ADDRESS, "****"),  # nothing at 乡镇 level or above to keep
    ],
)
def test_masked_text(text: str, kind: FindingKind, masked: str) -> None:
    finding = only(text)
    assert finding.kind == kind
    assert masked_text(finding) == masked
    assert mask(text, finding) == text[: finding.start] + masked + text[finding.end :]


def test_phone_and_id_lengths_are_kept() -> None:
    for text in ("手机13812341234", f"身份证{ID}", f"卡号{CARD19}", "出生日期：1990-01-02"):
        finding = only(text)
        assert len(masked_text(finding)) == len(finding.text)


def test_secrecy_marks_cannot_be_masked() -> None:
    finding = only("秘密★1年")
    assert not is_maskable(finding)
    with pytest.raises(UnmaskableFinding, match="不能遮盖"):
        mask("秘密★1年", finding)
    text = "秘密★1年\n联系人手机13812341234"
    with pytest.raises(UnmaskableFinding):
        mask_all(text, scan(text))


def test_mask_all_from_the_end_keeps_offsets_valid() -> None:
    text = (
        "申请人张某，住址：朝阳市双塔区凌河街道友谊大街12号3单元502室，"
        f"手机13812341234，身份证{ID}，邮箱zhang@163.com，出生日期：1980-01-01。"
    )
    assert mask_all(text, scan(text, today=TODAY)) == (
        "申请人张某，住址：朝阳市双塔区凌河街道****，"
        f"手机138****1234，身份证35*************{ID[-3:]}，邮箱z***@163.com，出生日期：****-**-**。"
    )


def test_mask_all_with_nothing_to_do() -> None:
    assert mask_all("无个人信息。", []) == "无个人信息。"


def test_stale_or_overlapping_findings_are_refused() -> None:
    text = "手机13812341234"
    finding = only(text)
    with pytest.raises(ValueError, match="文本已改变"):
        mask("电话：" + text, finding)
    with pytest.raises(ValueError, match="文本已改变"):
        mask_all("电话：" + text, [finding])
    inner = Finding(K.MOBILE, finding.start, finding.end - 2, finding.text[:-2], finding.message)
    with pytest.raises(ValueError, match="重叠"):
        mask_all(text, [finding, inner])
