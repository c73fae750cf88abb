"""信息处理费 under 国办函〔2020〕109号 (《政府信息公开信息处理费管理办法》) — pure tariff arithmetic.

Both tariffs are 超额累进 (each band's rate applies only to the units inside that band), and one application
is charged by ONE method, never both (第三条). :func:`processing_fee` takes the method, so a caller cannot
add the two up. Whether to charge at all (volume or frequency clearly beyond reason, 条例第四十二条) is a
staff decision recorded on the case; this module only prices it.

Pure module: no Django, no database. Amounts in 元 as Decimal (the report converts to 万元).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class FeeMethod(StrEnum):
    PER_ITEM = "per_item"  # 按件计收 (第四条)
    PER_PAGE = "per_page"  # 按量计收 (第五条)

    @property
    def label(self) -> str:
        return {"per_item": "按件计收", "per_page": "按量计收"}[self.value]


FREE_ITEMS_PER_MONTH = 10  # 第四条（一）: 同一申请人一个自然月内累计10件以下（含10件）不收费
FIRST_ITEM_BAND_END = 30  # 第四条（二）: 11—30件的部分 100元/件
ITEM_RATE = Decimal(100)  # also the step: 第四条（三）31件以上以10件为一档，每增加一档提高100元/件
ITEM_BAND_SIZE = 10

# 第五条: (last page of the band, rate per page); the last band is open-ended.
PAGE_BANDS: tuple[tuple[int | None, Decimal], ...] = (
    (30, Decimal(0)),  # 30页以下（含30页）不收费
    (100, Decimal(10)),  # 31—100页的部分 10元/页
    (200, Decimal(20)),  # 101—200页的部分 20元/页
    (None, Decimal(40)),  # 201页以上的部分 40元/页
)


def _check(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} 应为非负整数，收到 {value!r}")


def item_rate(ordinal: int) -> Decimal:
    """The rate for the applicant's ``ordinal``-th 件 of the calendar month (1-based)."""
    if ordinal <= FREE_ITEMS_PER_MONTH:
        return Decimal(0)  # 第四条（一）
    if ordinal <= FIRST_ITEM_BAND_END:
        return ITEM_RATE  # 第四条（二）
    return ITEM_RATE * (2 + (ordinal - FIRST_ITEM_BAND_END - 1) // ITEM_BAND_SIZE)  # 第四条（三）


def per_item_fee(items_this_month_before: int, items_now: int) -> Decimal:
    """按件计收 for ``items_now`` 件 (after 一事一申请 splitting, 第四条) by an applicant who already filed
    ``items_this_month_before`` 件 this calendar month: the count runs per applicant per 自然月."""
    _check("items_this_month_before", items_this_month_before)
    _check("items_now", items_now)
    first = items_this_month_before + 1
    return sum((item_rate(k) for k in range(first, first + items_now)), Decimal(0))


def per_page_fee(pages: int) -> Decimal:
    """按量计收 for one application of ``pages`` pages (第五条), each band only for the pages inside it."""
    _check("pages", pages)
    total, band_start = Decimal(0), 0
    for band_end, rate in PAGE_BANDS:
        inside = max(0, (pages if band_end is None else min(pages, band_end)) - band_start)
        total += inside * rate
        if band_end is None or pages <= band_end:
            break
        band_start = band_end
    return total


def processing_fee(method: FeeMethod, quantity: int, *, items_this_month_before: int = 0) -> Decimal:
    """The fee of one application by the one method chosen for it (第三条: 不得同时按照两种标准重复计算).

    ``quantity`` is 件 for PER_ITEM, pages for PER_PAGE; the month's earlier 件 matter only per item.
    """
    method = FeeMethod(method)
    if method is FeeMethod.PER_ITEM:
        return per_item_fee(items_this_month_before, quantity)
    if items_this_month_before:
        raise ValueError("按量计收只看本申请的页数，不计本月此前的件数")
    return per_page_fee(quantity)
