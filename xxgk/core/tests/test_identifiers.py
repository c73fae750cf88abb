"""Check digits of 居民身份证号码 (GB 11643), 统一社会信用代码 (GB 32100) and bank cards (Luhn).

The generators below derive the weights from the standards' formulas (2^(i) mod 11, 3^(i) mod 31)
instead of copying the module's tables, so a typo in one table cannot hide behind the other.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from xxgk.core.identifiers import (
    is_plausible_old_resident_id,
    is_valid_bank_card,
    is_valid_resident_id,
    is_valid_uscc,
    luhn_ok,
    normalize_identifier,
    resident_id_error,
    uscc_error,
)

TODAY = date(2024, 6, 1)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_resident_id(region: str, birth: str, seq: str) -> str:
    """GB 11643-1999: weights 2^(17-i) mod 11; the check value makes the full sum ≡ 1 (mod 11)."""
    body = region + birth + seq
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    value = (12 - total % 11) % 11
    return body + ("X" if value == 10 else str(value))


def make_uscc(body17: str) -> str:
    """GB 32100-2015: weights 3^i mod 31; check = (31 - sum mod 31) mod 31."""
    total = sum(USCC_CHARS.index(c) * (3**i % 31) for i, c in enumerate(body17))
    return body17 + USCC_CHARS[(31 - total % 31) % 31]


def make_card(body: str) -> str:
    """Append the Luhn check digit."""
    for check in "0123456789":
        digits = [int(c) for c in reversed(body + check)]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return body + check
    raise AssertionError("unreachable")


def wrong_last(value: str, alphabet: str) -> str:
    return value[:-1] + next(c for c in alphabet if c != value[-1])


# --- 居民身份证号码 -------------------------------------------------------------------------------


def test_gb11643_example_by_hand() -> None:
    # 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
    assert is_valid_resident_id("11010519491231002X", today=TODAY)
    assert is_valid_resident_id("11010519491231002x", today=TODAY)  # lower-case x accepted
    assert resident_id_error("110105194912310021", today=TODAY) == "身份证号码校验位不正确"


def test_second_example_by_hand() -> None:
    # 3·7+5·9+0·10+1·5+0·8+2·4+1·2+9·1+8·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2 = 174; 174 mod 11 = 9 → 3
    assert make_resident_id("350102", "19800101", "123") == "350102198001011233"
    assert is_valid_resident_id("350102198001011233", today=TODAY)


def test_standards_own_1880_example_fails_on_the_1900_floor() -> None:
    # GB 11643's sample 440524188001010014 has a correct check digit but a birth year before 1900.
    assert resident_id_error("440524188001010014", today=TODAY) == "身份证号码中的出生日期不正确"


def test_generated_ids_are_valid_and_one_wrong_digit_is_not() -> None:
    rng = random.Random(11643)
    for _ in range(200):
        region = rng.choice(["110105", "350102", "211302", "440305", "652301", "910000"])
        born = date(1900, 1, 1).toordinal() + rng.randrange(TODAY.toordinal() - date(1900, 1, 1).toordinal())
        birth = date.fromordinal(born).strftime("%Y%m%d")
        value = make_resident_id(region, birth, f"{rng.randrange(1000):03d}")
        assert is_valid_resident_id(value, today=TODAY), value
        assert resident_id_error(wrong_last(value, "0123456789X"), today=TODAY) == "身份证号码校验位不正确"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", "身份证号码应为18位"),
        ("11010519491231002", "身份证号码应为18位"),
        ("11010519491231002X1", "身份证号码应为18位"),
        ("1101051949123100X2", "身份证号码前17位应为数字，最后一位应为数字或X"),
        (
            "１１０１０５１９４９１２３１００２Ｘ",
            "身份证号码前17位应为数字，最后一位应为数字或X",
        ),  # full-width: normalise first
        (make_resident_id("010105", "19491231", "002"), "身份证号码的地址码不正确"),
        (make_resident_id("110105", "19490230", "002"), "身份证号码中的出生日期不正确"),  # 30 February
        (make_resident_id("110105", "19491301", "002"), "身份证号码中的出生日期不正确"),  # month 13
        (make_resident_id("110105", "18991231", "002"), "身份证号码中的出生日期不正确"),  # before 1900
        (make_resident_id("110105", "20240602", "002"), "身份证号码中的出生日期不正确"),  # after today
    ],
)
def test_resident_id_errors(value: str, error: str) -> None:
    assert resident_id_error(value, today=TODAY) == error
    assert not is_valid_resident_id(value, today=TODAY)


def test_born_today_is_valid() -> None:
    assert is_valid_resident_id(make_resident_id("110105", "20240601", "002"), today=TODAY)


def test_normalize_identifier_for_form_input() -> None:
    assert normalize_identifier(" １１０１０５ １９４９１２３１ ００２ｘ ") == "11010519491231002X"
    assert is_valid_resident_id(normalize_identifier("１１０１０５１９４９１２３１００２ｘ"), today=TODAY)


def test_old_15_digit_ids_are_plausible_only_with_real_date_and_province() -> None:
    assert is_plausible_old_resident_id("110105491231002")  # 1949-12-31
    assert not is_plausible_old_resident_id("110105491331002")  # month 13
    assert not is_plausible_old_resident_id("990105491231002")  # no province 99
    assert not is_plausible_old_resident_id("11010549123100")  # 14 digits


# --- 统一社会信用代码 -----------------------------------------------------------------------------


def test_gb32100_example_by_hand() -> None:
    # 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
    # = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    assert is_valid_uscc("91350100M000100Y43")
    assert is_valid_uscc("91350100m000100y43")  # lower case accepted
    assert uscc_error("91350100M000100Y44") == "统一社会信用代码校验码不正确"


def test_generated_usccs() -> None:
    rng = random.Random(32100)
    for _ in range(200):
        body = (
            rng.choice("159NY")
            + rng.choice("1239")
            + "".join(rng.choice("0123456789") for _ in range(6))
            + "".join(rng.choice(USCC_CHARS) for _ in range(9))
        )
        value = make_uscc(body)
        assert is_valid_uscc(value), value
        assert uscc_error(wrong_last(value, USCC_CHARS)) == "统一社会信用代码校验码不正确"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("91350100M000100Y4", "统一社会信用代码应为18位"),
        ("91350100M000100Y433", "统一社会信用代码应为18位"),
        ("91350100O000100Y43", "统一社会信用代码含有无效字符（不使用I、O、S、V、Z）"),  # letter O
        ("9135010-M000100Y43", "统一社会信用代码含有无效字符（不使用I、O、S、V、Z）"),
        (make_uscc("9135A100M000100Y4"), "统一社会信用代码第3至8位应为行政区划码"),
    ],
)
def test_uscc_errors(value: str, error: str) -> None:
    assert uscc_error(value) == error
    assert not is_valid_uscc(value)


# --- 银行卡号 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["4111111111111111", "5500000000000004", "6011111111111117"])
def test_well_known_luhn_test_numbers(value: str) -> None:
    assert is_valid_bank_card(value)
    assert not is_valid_bank_card(wrong_last(value, "0123456789"))


def test_generated_cards_of_every_length() -> None:
    rng = random.Random(7812)
    for length in range(16, 20):
        for _ in range(50):
            value = make_card("62" + "".join(rng.choice("0123456789") for _ in range(length - 3)))
            assert is_valid_bank_card(value), value
            assert not is_valid_bank_card(wrong_last(value, "0123456789"))


def test_card_length_and_characters() -> None:
    assert luhn_ok("79927398713")  # the classic Luhn example, but 11 digits is no bank card
    assert not is_valid_bank_card("79927398713")
    assert not is_valid_bank_card(make_card("6" * 19))  # 20 digits
    assert not is_valid_bank_card("4111 1111 1111 1111")  # callers strip separators
    assert not is_valid_bank_card("４１１１１１１１１１１１１１１１")  # full-width: normalise first
