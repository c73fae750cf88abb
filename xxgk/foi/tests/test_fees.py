"""国办函〔2020〕109号 tariffs at every band edge; amounts computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xxgk.foi.fees import FeeMethod, per_item_fee, per_page_fee, processing_fee


@pytest.mark.parametrize(
    ("before", "now", "amount"),
    [
        (0, 0, 0),
        (0, 10, 0),  # ≤ 10 件 a month: free
        (0, 11, 100),  # the 11th: 100
        (0, 30, 2000),  # 11th–30th: 20 × 100
        (0, 31, 2200),  # + the 31st at 200
        (0, 40, 4000),  # 2000 + 10 × 200
        (0, 41, 4300),  # + the 41st at 300
        (0, 50, 7000),  # 4000 + 10 × 300
        (0, 51, 7400),  # + the 51st at 400
        (0, 60, 11000),  # 7000 + 10 × 400
        (10, 1, 100),  # the month already had 10: this one is the 11th
        (9, 2, 100),  # the 10th is free, the 11th is 100
        (29, 2, 300),  # 30th at 100 + 31st at 200
        (39, 2, 500),  # 40th at 200 + 41st at 300
        (100, 1, 900),  # the 101st: band 101–110 is the 8th band above 30 → 200 + 7 × 100
        (30, 0, 0),
    ],
)
def test_per_item_fee(before, now, amount):
    assert per_item_fee(before, now) == Decimal(amount)


def test_per_item_fee_does_not_depend_on_how_the_month_is_split():
    whole = per_item_fee(0, 45)  # 2000 + 2000 + 5 × 300 = 5500
    assert whole == Decimal(5500)
    assert per_item_fee(0, 20) + per_item_fee(20, 25) == whole
    assert sum(per_item_fee(k, 1) for k in range(45)) == whole


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (30, 0),  # ≤ 30 pages free
        (31, 10),  # page 31 at 10
        (100, 700),  # pages 31–100: 70 × 10
        (101, 720),  # + page 101 at 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # + page 201 at 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_per_page_fee(pages, amount):
    assert per_page_fee(pages) == Decimal(amount)


def test_one_method_per_application():
    assert processing_fee(FeeMethod.PER_PAGE, 31) == Decimal(10)
    assert processing_fee(FeeMethod.PER_ITEM, 5, items_this_month_before=8) == Decimal(300)  # 9th, 10th free
    assert processing_fee("per_item", 11) == Decimal(100)
    with pytest.raises(ValueError, match="按量计收"):
        processing_fee(FeeMethod.PER_PAGE, 40, items_this_month_before=12)
    with pytest.raises(ValueError):
        processing_fee("both", 10)  # type: ignore[arg-type]


def test_method_labels():
    assert [m.label for m in FeeMethod] == ["按件计收", "按量计收"]


@pytest.mark.parametrize("bad", [-1, True, 1.5])
def test_counts_must_be_non_negative_integers(bad):
    with pytest.raises(ValueError):
        per_page_fee(bad)
    with pytest.raises(ValueError):
        per_item_fee(bad, 1)
    with pytest.raises(ValueError):
        per_item_fee(0, bad)
