"""The report formats as data: labels copied from rules.md §4.1–4.3, keys, computed cells, year → format."""

from decimal import Decimal

import pytest

from xxgk.reports.formats import (
    APPLICANT_COLUMNS,
    FORMAT_2019,
    FORMAT_2021,
    FORMATS,
    Cell,
    NoGeneratedFormat,
    ValueKind,
    complete,
    format_for_year,
)

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# rules.md §4.2, row by row (key, label, parent key)
APPLICATION_ROWS_2021 = [
    ("new", "一、本年新收政府信息公开申请数量", None),
    ("carried_in", "二、上年结转政府信息公开申请数量", None),
    ("results", "三、本年度办理结果", None),
    ("granted", "（一）予以公开", "results"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "results"),
    ("deny", "（三）不予公开", "results"),
    ("deny_1", "1.属于国家秘密", "deny"),
    ("deny_2", "2.其他法律行政法规禁止公开", "deny"),
    ("deny_3", '3.危及"三安全一稳定"', "deny"),
    ("deny_4", "4.保护第三方合法权益", "deny"),
    ("deny_5", "5.属于三类内部事务信息", "deny"),
    ("deny_6", "6.属于四类过程性信息", "deny"),
    ("deny_7", "7.属于行政执法案卷", "deny"),
    ("deny_8", "8.属于行政查询事项", "deny"),
    ("unable", "（四）无法提供", "results"),
    ("unable_1", "1.本机关不掌握相关政府信息", "unable"),
    ("unable_2", "2.没有现成信息需要另行制作", "unable"),
    ("unable_3", "3.补正后申请内容仍不明确", "unable"),
    ("reject", "（五）不予处理", "results"),
    ("reject_1", "1.信访举报投诉类申请", "reject"),
    ("reject_2", "2.重复申请", "reject"),
    ("reject_3", "3.要求提供公开出版物", "reject"),
    ("reject_4", "4.无正当理由大量反复申请", "reject"),
    ("reject_5", "5.要求行政机关确认或重新出具已获取信息", "reject"),
    ("other", "（六）其他处理", "results"),
    ("other_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other"),
    ("other_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other"),
    ("other_3", "3.其他", "other"),
    ("total", "（七）总计", "results"),
    ("carried_out", "四、结转下年度继续办理", None),
]
HEADINGS = {"results", "deny", "unable", "reject", "other"}


def test_both_formats_have_the_six_sections_in_order():
    assert list(FORMAT_2021.sections) == SECTIONS
    assert list(FORMAT_2019.sections) == SECTIONS
    assert FORMAT_2021.document == "国办公开办函〔2021〕30号"
    assert FORMAT_2019.document == "国办公开办函〔2019〕60号"
    assert [t.key for t in FORMAT_2021.tables] == ["二", "三", "四"]
    assert [t.title for t in FORMAT_2021.tables] == SECTIONS[1:4]


@pytest.mark.parametrize(
    ("year", "key"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2022, "2021"), (2030, "2021")]
)
def test_format_for_year(year, key):
    assert format_for_year(year) is FORMATS[key]


def test_years_before_2019_are_imported_not_generated():
    with pytest.raises(NoGeneratedFormat, match="国办发〔2014〕32号"):
        format_for_year(2018)
    with pytest.raises(ValueError, match="2012年度"):
        format_for_year(2012)


def test_table_three_2021_rows_are_the_statutory_rows_with_the_shared_keys():
    table = FORMAT_2021.table("三")
    assert [(r.key, r.label, r.parent) for r in table.rows] == APPLICATION_ROWS_2021
    assert {r.key for r in table.rows if r.heading} == HEADINGS
    assert table.note == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_table_three_2019_has_a_single_other_row():
    rows_2019 = [(r.key, r.label, r.parent) for r in FORMAT_2019.table("三").rows]
    expected = [row for row in APPLICATION_ROWS_2021 if not row[0].startswith("other_")]
    assert rows_2019 == expected
    assert not FORMAT_2019.table("三").row("other").heading
    assert FORMAT_2019.table("三").row("total").computed.of[-1] == "other"


def test_table_three_columns():
    table = FORMAT_2021.table("三")
    columns = table.columns
    assert [(c.key, c.label, c.parent_label) for c in columns] == [
        ("natural_person", "自然人", ""),
        ("commercial", "商业企业", "法人或其他组织"),
        ("research", "科研机构", "法人或其他组织"),
        ("public_interest", "社会公益组织", "法人或其他组织"),
        ("legal_service", "法律服务机构", "法人或其他组织"),
        ("other_org", "其他", "法人或其他组织"),
        ("total", "总计", ""),
    ]
    assert columns[-1].computed.of == APPLICANT_COLUMNS


def test_table_four_has_three_groups_of_five():
    columns = FORMAT_2021.table("四").groups[0].columns
    assert [c.path for c in columns[:5]] == [
        "行政复议 / 结果维持",
        "行政复议 / 结果纠正",
        "行政复议 / 其他结果",
        "行政复议 / 尚未审结",
        "行政复议 / 总计",
    ]
    assert [c.parent_label for c in columns[5::5]] == ["行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"]
    assert [c.key for c in columns if c.computed] == ["review_total", "suit_direct_total", "suit_after_review_total"]
    assert columns[9].computed.of == (
        "suit_direct_upheld",
        "suit_direct_corrected",
        "suit_direct_other",
        "suit_direct_pending",
    )


def _table_two(fmt):
    return [(g.label, [c.label for c in g.columns], [r.label for r in g.rows]) for g in fmt.table("二").groups]


def test_table_two_has_one_header_per_group():
    with pytest.raises(ValueError, match="各组列不同"):
        _ = FORMAT_2021.table("二").columns
    assert FORMAT_2021.table("二").column("penalty", "decisions").label == "本年处理决定数量"


def test_table_two_2021():
    assert _table_two(FORMAT_2021) == [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
        ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
        ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    ]
    assert FORMAT_2021.column(Cell("二", "fees", "fee_amount")).kind == ValueKind.AMOUNT


def test_table_two_2019():
    items = ["上一年项目数量", "本年增/减", "处理决定数量"]
    assert _table_two(FORMAT_2019) == [
        ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"]),
        ("第二十条第（五）项", items, ["行政许可", "其他对外管理服务事项"]),
        ("第二十条第（六）项", items, ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", items[:2], ["行政事业性收费"]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]),
    ]
    assert FORMAT_2019.column(Cell("二", "other_services", "change")).kind == ValueKind.DELTA
    assert FORMAT_2019.column(Cell("二", "procurement", "purchase_amount")).kind == ValueKind.AMOUNT


def test_a_cell_renders_by_its_statutory_labels():
    table = FORMAT_2021.table("三")
    assert table.row_path("deny_1") == "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"
    assert table.column("deny_1", "commercial").path == "法人或其他组织 / 商业企业"
    assert table.level("deny_1") == 2
    assert FORMAT_2021.describe(Cell("三", "deny_1", "commercial")) == (
        "表「三、收到和处理政府信息公开申请情况」「三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密」行"
        "「法人或其他组织 / 商业企业」列"
    )
    assert FORMAT_2021.describe(Cell("二", "rules", "issued")) == (
        "表「二、主动公开政府信息情况」「第二十条第（一）项 / 规章」行「本年制发件数」列"
    )
    assert FORMAT_2021.describe(Cell("四", "cases", "suit_after_review_pending")) == (
        "表「四、政府信息公开行政复议、行政诉讼情况」「行政诉讼 / 复议后起诉 / 尚未审结」列"
    )


@pytest.mark.parametrize("fmt", [FORMAT_2021, FORMAT_2019], ids=["2021", "2019"])
def test_every_sum_adds_existing_entered_siblings(fmt):
    """A formula naming a missing or computed sibling would make complete() order-dependent."""
    for table in fmt.tables:
        for group in table.groups:
            plain_rows = {r.key for r in group.rows if not r.heading and not r.computed}
            plain_columns = {c.key for c in group.columns if not c.computed}
            for row in group.rows:
                if row.computed:
                    assert set(row.computed.of) <= plain_rows
            for column in group.columns:
                if column.computed:
                    assert set(column.computed.of) <= plain_columns


def test_cell_counts():
    # 三: 25 rows × 7 columns; 四: 15; 二: 6 + 1 + 2 + 1
    assert len(list(FORMAT_2021.cells())) == 175 + 15 + 10
    # 三: 23 rows × 7; 二: 6 + 6 + 6 + 2 + 2
    assert len(list(FORMAT_2019.cells())) == 161 + 15 + 22


def test_complete_fills_computed_cells():
    entered = {
        ("三", "new", "natural_person"): 5,
        ("三", "new", "commercial"): 2,
        ("三", "carried_in", "natural_person"): 1,
        ("三", "granted", "natural_person"): 3,
        ("三", "deny_3", "commercial"): 1,
        ("三", "other_3", "natural_person"): 2,
        ("三", "carried_out", "natural_person"): 1,
        ("三", "carried_out", "commercial"): 1,
        ("四", "cases", "review_upheld"): 1,
        ("四", "cases", "review_pending"): 1,
        ("四", "cases", "suit_after_review_corrected"): 1,
        ("二", "fees", "fee_amount"): Decimal("1.25"),
    }
    cells = complete(FORMAT_2021, entered)
    assert set(cells) == set(FORMAT_2021.cells())
    assert cells[Cell("三", "new", "total")] == 7
    assert cells[Cell("三", "total", "natural_person")] == 5
    assert cells[Cell("三", "total", "commercial")] == 1
    assert cells[Cell("三", "total", "total")] == 6
    assert cells[Cell("三", "reject_2", "research")] == 0
    assert cells[Cell("四", "cases", "review_total")] == 2
    assert cells[Cell("四", "cases", "suit_direct_total")] == 0
    assert cells[Cell("四", "cases", "suit_after_review_total")] == 1
    assert cells[Cell("二", "fees", "fee_amount")] == Decimal("1.25")


def test_complete_replaces_an_entered_total_and_refuses_unknown_cells():
    cells = complete(FORMAT_2019, {("三", "other", "research"): 2, ("三", "total", "research"): 9})
    assert cells[Cell("三", "total", "research")] == 2
    with pytest.raises(ValueError, match="other_1"):
        complete(FORMAT_2019, {("三", "other_1", "research"): 2})
