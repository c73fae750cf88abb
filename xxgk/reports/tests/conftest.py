"""A hand-worked catalogue for table 二 (see ``test_compile``), published through the catalogue's services."""

from datetime import date

import pytest

# Django imports stay inside the functions: the pure-rule tests here also run with `pytest -p no:django`.


def publish(operator, agency, title: str, *, items=(1,), publish_it: bool = True, **fields):
    from xxgk.catalog import services as catalog
    from xxgk.catalog.models import Entry, StatutoryItem

    entry = catalog.save_draft(operator, Entry(agency=agency, title=title, **fields))
    entry.statutory_items.set(StatutoryItem.objects.filter(number__in=items))
    if publish_it:
        catalog.publish(operator, entry)
        entry.refresh_from_db()
    return entry


@pytest.fixture
def catalogue(operator, agency_a, agency_b):
    """agency_a (a department) in 2024 and 2025, worked out by hand:

    N1 规范性文件 issued 2023-05-01, in force.            N2 issued 2024-03-01, repealed by N3 on 2025-06-01.
    N3 issued 2025-06-01, in force.                      N4 issued 2025-02-01, expired later (after 2025).
    R1 规章 issued 2025-01-10 (a department cannot issue 规章: warning).
    Not counted: a 政策解读 of N3, an unpublished draft, a withdrawn document, another agency's document.

    2024: 行政规范性文件 制发 1 (N2), 废止 0, 现行有效 2 (N1, N2); 规章 0/0/0.
    2025: 行政规范性文件 制发 2 (N3, N4), 废止 1 (N2), 现行有效 3 (N1, N3, N4); 规章 1/0/1.
    """
    from xxgk.catalog import services as catalog
    from xxgk.catalog.vocabulary import EntryKind, Validity

    normative = EntryKind.NORMATIVE
    n1 = publish(operator, agency_a, "N1 科技创新券管理办法", kind=normative, written_on=date(2023, 5, 1))
    n3 = publish(operator, agency_a, "N3 科技计划项目管理办法", kind=normative, written_on=date(2025, 6, 1))
    n2 = publish(
        operator,
        agency_a,
        "N2 科技计划项目管理暂行办法",
        kind=normative,
        written_on=date(2024, 3, 1),
        validity=Validity.REPEALED,
        replaced_by=n3,
    )
    n4 = publish(
        operator,
        agency_a,
        "N4 专项资金实施细则",
        kind=normative,
        written_on=date(2025, 2, 1),
        validity=Validity.EXPIRED,
    )
    r1 = publish(operator, agency_a, "R1 科技奖励规定", kind=EntryKind.REGULATION, written_on=date(2025, 1, 10))
    publish(
        operator, agency_a, "N3 的政策解读", kind=EntryKind.INTERPRETATION, interprets=n3, written_on=date(2025, 6, 2)
    )
    publish(operator, agency_a, "未发布的草稿", kind=normative, written_on=date(2025, 3, 1), publish_it=False)
    withdrawn = publish(operator, agency_a, "已撤稿的文件", kind=normative, written_on=date(2025, 4, 1))
    catalog.withdraw(operator, withdrawn, "误发")
    publish(operator, agency_b, "财政局的文件", kind=normative, written_on=date(2025, 4, 1))
    return {"N1": n1, "N2": n2, "N3": n3, "N4": n4, "R1": r1}
