"""Every check of rules.md §4.4 fires on a deliberately broken table and stays quiet on a correct one."""

from decimal import Decimal

import pytest

from xxgk.reports.checks import (
    Code,
    Level,
    check_statistics,
    chinese_number,
    find_figures,
    run_checks,
)
from xxgk.reports.formats import FORMAT_2019, FORMAT_2021, Cell, complete

ENTERED_2021 = {
    ("二", "rules", "issued"): 0,
    ("二", "rules", "in_force"): 0,
    ("二", "normative", "issued"): 2,
    ("二", "normative", "repealed"): 1,
    ("二", "normative", "in_force"): 12,
    ("二", "licensing", "decisions"): 95,
    ("二", "penalty", "decisions"): 3,
    ("二", "fees", "fee_amount"): Decimal("0.35"),
    ("三", "new", "natural_person"): 9,
    ("三", "new", "commercial"): 2,
    ("三", "new", "legal_service"): 1,
    ("三", "carried_in", "natural_person"): 1,
    ("三", "granted", "natural_person"): 4,
    ("三", "partial", "commercial"): 1,
    ("三", "deny_4", "commercial"): 1,
    ("三", "unable_1", "natural_person"): 3,
    ("三", "reject_2", "natural_person"): 1,
    ("三", "other_1", "legal_service"): 1,
    ("三", "carried_out", "natural_person"): 2,
    ("四", "cases", "review_upheld"): 1,
    ("四", "cases", "suit_direct_pending"): 1,
}
PREVIOUS_2021 = complete(
    FORMAT_2021,
    {
        ("二", "normative", "in_force"): 11,
        ("三", "new", "natural_person"): 1,
        ("三", "carried_out", "natural_person"): 1,
    },
)
NARRATIVE_2021 = (
    "2022年，本机关共收到政府信息公开申请12件，上年结转1件。"
    "全年制发行政规范性文件2件。因政府信息公开被申请行政复议1件，被提起行政诉讼1件。"
)


@pytest.fixture
def cells():
    return dict(complete(FORMAT_2021, ENTERED_2021))


def codes(results):
    return [(r.level, r.code) for r in results]


def test_a_correct_report_passes_every_check(cells):
    assert run_checks(FORMAT_2021, cells, PREVIOUS_2021, agency_can_issue_rules=False, narrative=NARRATIVE_2021) == []


# --- blocking errors ------------------------------------------------------------------------------


def test_unknown_cell(cells):
    cells[("三", "other", "natural_person")] = 1  # a heading in 2021: no figures
    (result,) = run_checks(FORMAT_2021, cells)
    assert (result.level, result.code) == (Level.ERROR, Code.UNKNOWN_CELL)


def test_negative_count(cells):
    cells[Cell("三", "reject_2", "research")] = -1
    (result,) = run_checks(FORMAT_2021, cells)
    assert (result.level, result.code, result.cell) == (Level.ERROR, Code.NEGATIVE, Cell("三", "reject_2", "research"))
    assert "「三、本年度办理结果 / （五）不予处理 / 2.重复申请」行「法人或其他组织 / 科研机构」列" in result.message
    assert "-1" in result.message


@pytest.mark.parametrize("value", [1.5, Decimal("0.5"), "3", None, True])
def test_non_integer_count(cells, value):
    cells[Cell("二", "penalty", "decisions")] = value
    (result,) = run_checks(FORMAT_2021, cells)
    assert (result.level, result.code) == (Level.ERROR, Code.NOT_INTEGER)
    assert "「第二十条第（六）项 / 行政处罚」行「本年处理决定数量」列" in result.message


def test_amounts_may_have_decimals_but_not_be_negative(cells):
    cells[Cell("二", "fees", "fee_amount")] = 0.35
    assert run_checks(FORMAT_2021, cells) == []
    cells[Cell("二", "fees", "fee_amount")] = Decimal("-0.35")
    assert codes(run_checks(FORMAT_2021, cells)) == [(Level.ERROR, Code.NEGATIVE)]


def test_2019_change_column_may_be_negative():
    cells = complete(FORMAT_2019, {("二", "other_services", "prev_items"): 28, ("二", "other_services", "change"): -7})
    assert run_checks(FORMAT_2019, cells) == []
    cells[Cell("二", "other_services", "decisions")] = -7
    assert codes(run_checks(FORMAT_2019, cells)) == [(Level.ERROR, Code.NEGATIVE)]


def test_total_column_must_be_the_sum_of_the_six_applicant_columns(cells):
    cells[Cell("三", "unable_1", "total")] = 4  # 自然人 3, the others 0
    result, knock_on = run_checks(FORMAT_2021, cells)
    assert (result.level, result.code, result.cell) == (Level.ERROR, Code.TOTAL_COLUMN, Cell("三", "unable_1", "total"))
    # 三（七）总计's 总计 cell adds the 总计 column too, so it no longer agrees either
    assert (knock_on.code, knock_on.cell) == (Code.TOTAL_ROW, Cell("三", "total", "total"))
    assert "填报 4" in result.message and "合计为 3" in result.message and "「自然人」3" in result.message


def test_total_row_must_be_the_sum_of_its_parts(cells):
    cells[Cell("三", "total", "commercial")] = 1  # 部分公开 1 + 保护第三方合法权益 1 = 2
    cells[Cell("三", "total", "total")] = 10  # keep the 总计 column consistent with the row
    cells[Cell("三", "carried_out", "commercial")] = 1  # and the 勾稽关系
    cells[Cell("三", "carried_out", "total")] = 3
    results = run_checks(FORMAT_2021, cells)
    assert codes(results) == [(Level.ERROR, Code.TOTAL_ROW), (Level.ERROR, Code.TOTAL_ROW)]
    assert results[0].cell == Cell("三", "total", "commercial")
    assert (
        "「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」1、「4.保护第三方合法权益」1" in results[0].message
    )


def test_remedy_group_total_must_be_the_sum_of_its_four_results(cells):
    cells[Cell("四", "cases", "suit_direct_total")] = 0  # 尚未审结 1
    (result,) = run_checks(FORMAT_2021, cells)
    assert (result.level, result.code) == (Level.ERROR, Code.REMEDY_TOTAL)
    assert "「行政诉讼 / 未经复议直接起诉 / 总计」列填报 0" in result.message


def test_balance_per_applicant_column(cells):
    # a case carried out that was never received: 一 + 二 = 9 + 1, 三（七）+ 四 = 8 + 3
    cells[Cell("三", "carried_out", "natural_person")] = 3
    cells[Cell("三", "carried_out", "total")] = 3
    (result,) = run_checks(FORMAT_2021, cells)
    assert (result.level, result.code) == (Level.ERROR, Code.BALANCE)
    assert result.message == (
        "表「三、收到和处理政府信息公开申请情况」「自然人」列勾稽关系不成立："
        "「一、本年新收政府信息公开申请数量」9 + 「二、上年结转政府信息公开申请数量」1 = 10，"
        "不等于 「（七）总计」8 + 「四、结转下年度继续办理」3 = 11"
    )


def test_a_partial_table_is_checked_where_it_can_be():
    cells = {("三", "new", "natural_person"): 2, ("三", "new", "total"): 3}
    results = run_checks(FORMAT_2021, cells)
    # the other applicant columns are missing, so the 总计 column cannot be checked: no guessed zeros
    assert codes(results) == [(Level.WARNING, Code.INCOMPLETE)]
    assert "缺少 173 个单元格" in results[0].message
    cells.update({("三", "new", column): 0 for column in ("commercial", "research", "public_interest")})
    cells.update({("三", "new", column): 0 for column in ("legal_service", "other_org")})
    assert codes(run_checks(FORMAT_2021, cells)) == [(Level.WARNING, Code.INCOMPLETE), (Level.ERROR, Code.TOTAL_COLUMN)]


# --- warnings -------------------------------------------------------------------------------------


def test_carry_over_from_last_year(cells):
    previous = dict(PREVIOUS_2021)
    previous[Cell("三", "carried_out", "natural_person")] = 2
    previous[Cell("三", "carried_out", "total")] = 2
    results = run_checks(FORMAT_2021, cells, previous)
    assert codes(results) == [(Level.WARNING, Code.CARRY_OVER)] * 2
    assert results[0].cell == Cell("三", "carried_in", "natural_person")
    assert "为 1，但上一年度报告「四、结转下年度继续办理」行「自然人」列为 2" in results[0].message


def test_in_force_documents_follow_last_year(cells):
    previous = dict(PREVIOUS_2021)
    previous[Cell("二", "normative", "in_force")] = 10  # 10 + 2 − 1 = 11, not 12
    (result,) = run_checks(FORMAT_2021, cells, previous)
    assert (result.level, result.code, result.cell) == (
        Level.WARNING,
        Code.CONTINUITY,
        Cell("二", "normative", "in_force"),
    )
    assert "推算应为 11" in result.message


def test_2019_item_counts_follow_last_year():
    previous = complete(FORMAT_2019, {("二", "licensing", "prev_items"): 3, ("二", "licensing", "change"): 2})
    good = complete(FORMAT_2019, {("二", "licensing", "prev_items"): 5})
    assert run_checks(FORMAT_2019, good, previous) == []
    bad = complete(FORMAT_2019, {("二", "licensing", "prev_items"): 4})
    (result,) = run_checks(FORMAT_2019, bad, previous)
    assert (result.code, result.cell) == (Code.CONTINUITY, Cell("二", "licensing", "prev_items"))


def test_the_first_2021_report_is_not_compared_with_2019_format_cells(cells):
    """2020 used the 2019 format: no 现行有效件数 to continue from, but 四、结转 carries over all the same."""
    previous_2020 = complete(
        FORMAT_2019, {("二", "normative", "public_total"): 3, ("三", "carried_out", "natural_person"): 1}
    )
    assert run_checks(FORMAT_2021, cells, previous_2020) == []
    previous_2020[Cell("三", "carried_out", "natural_person")] = 0
    assert {r.code for r in run_checks(FORMAT_2021, cells, previous_2020)} == {Code.CARRY_OVER}


def test_rules_from_a_body_that_cannot_issue_them(cells):
    cells[Cell("二", "rules", "issued")] = 1
    cells[Cell("二", "rules", "in_force")] = 1
    assert run_checks(FORMAT_2021, cells) == []
    (result,) = run_checks(FORMAT_2021, cells, agency_can_issue_rules=False)
    assert (result.level, result.code) == (Level.WARNING, Code.RULES_BY_NON_ISSUER)
    assert "「本年制发件数」1、「现行有效件数」1" in result.message


@pytest.mark.parametrize(
    ("narrative", "cell"),
    [
        ("共收到政府信息公开申请13件。", Cell("三", "new", "total")),
        ("本年度未收到政府信息公开申请。", Cell("三", "new", "total")),
        ("因政府信息公开被申请行政复议2件。", Cell("四", "cases", "review_total")),
        ("未发生因政府信息公开引起的行政复议、行政诉讼。", Cell("四", "cases", "review_total")),
        ("被提起行政诉讼三件。", Cell("四", "cases", "suit_direct_total")),
        ("全年制发行政规范性文件5件。", Cell("二", "normative", "issued")),
    ],
)
def test_narrative_that_contradicts_the_tables(cells, narrative, cell):
    results = run_checks(FORMAT_2021, cells, narrative=narrative)
    assert results and {r.code for r in results} == {Code.NARRATIVE_MISMATCH}
    assert results[0].level == Level.WARNING and results[0].cell == cell


def test_narrative_that_contradicts_itself(cells):
    narrative = "全年主动公开政府信息120条。……截至年底，主动公开政府信息共计126条。"
    (result,) = run_checks(FORMAT_2021, cells, narrative=narrative)
    assert (result.level, result.code) == (Level.WARNING, Code.NARRATIVE_INCONSISTENT)
    assert "120、126" in result.message


def test_2019_narrative_item_counts_are_this_years_items():
    cells = complete(FORMAT_2019, {("二", "other_services", "prev_items"): 28, ("二", "other_services", "change"): -7})
    assert run_checks(FORMAT_2019, cells, narrative="其他对外管理服务事项21项。") == []
    (result,) = run_checks(FORMAT_2019, cells, narrative="其他对外管理服务事项28项。")
    assert result.code == Code.NARRATIVE_MISMATCH and "= 21" in result.message


# --- reading figures from prose ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("主动公开政府信息 36 条", "proactive_items", 36),
        ("主动公开各类政务信息共计165条", "proactive_items", 165),
        ("收到政府信息公开申请１２件", "applications_received", 12),
        ("共受理依申请公开申请三件", "applications_received", 3),
        ("未有公民、法人或其他组织提出政府信息公开申请", "applications_received", 0),
        ("收取信息处理费0.03万元", "fees_charged", Decimal("0.03")),
        ("无政府信息公开收费及减免情况", "fees_charged", 0),
    ],
)
def test_find_figures(text, key, value):
    assert [(f.key, f.value) for f in find_figures(text)] == [(key, value)]


def test_table_labels_are_not_read_as_narrative_figures():
    """尚未审结, 逾期未按收费通知, 无正当理由 … are table labels, not statements that nothing happened."""
    lines = []
    for table in FORMAT_2021.tables:
        for group in table.groups:
            lines.append(" ".join([group.label, *(c.label for c in group.columns)]))
            lines += [" ".join([row.label, *("0" * len(group.columns))]) for row in group.rows]
    assert find_figures("\n".join(lines)) == []


def test_one_clause_can_state_two_figures():
    figures = find_figures("行政复议、行政诉讼各1件")
    assert [(f.key, f.value) for f in figures] == [("administrative_reviews", 1), ("lawsuits", 1)]


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("三", "十", "十二", "二十", "一百零五", "两千", "42")] == [
        3,
        10,
        12,
        20,
        105,
        2000,
        42,
    ]


# --- imported 国办发〔2014〕32号 统计表 -------------------------------------------------------------

STATISTICS = [
    ("二、依申请公开情况", "", None),
    ("(一)收到申请数", "件", 5),
    ("1.当面申请数", "件", 1),
    ("2.传真申请数", "件", 0),
    ("3.网络申请数", "件", 3),
    ("4.信函申请数", "件", 1),
    ("(二)申请办结数", "件", 5),
    ("1.按时办结数", "件", 5),
    ("2.延期办结数", "件", 0),
    ("三、行政复议数量", "件", 1),
    ("(一)维持具体行政行为数", "件", 1),
    ("(二)被依法纠错数", "件", 0),
    ("(三)其他情形数", "件", 0),
]


def test_statistics_table_that_adds_up():
    assert check_statistics(STATISTICS, "全年收到政府信息公开申请5件。") == []


def test_statistics_table_that_does_not_add_up():
    broken = list(STATISTICS)
    broken[3] = ("2.传真申请数", "件", 2)
    (result,) = check_statistics(broken)
    assert (result.level, result.code) == (Level.WARNING, Code.STATISTICS_SUM)
    assert result.message.startswith("统计表「(一)收到申请数」为 5件，但「1.当面申请数」1 + ")
    assert "= 7" in result.message


def test_statistics_table_against_the_narrative():
    (result,) = check_statistics(STATISTICS, "全年收到政府信息公开申请6件。")
    assert (result.level, result.code) == (Level.WARNING, Code.NARRATIVE_MISMATCH)
