"""Reading published reports: the five seed documents, figure by figure, and flattened 2019/2021 tables.

The expected figures below were read off the seed files by eye, not produced by the parser. The seeds
are the copies vendored for the demo in ``xxgk/core/demo/seeds/``.
The literal excerpts further down keep the parsing of each layout covered where the seeds are absent.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from xxgk.reports.checks import Code, Level
from xxgk.reports.formats import FORMAT_2019, FORMAT_2021, Cell, complete
from xxgk.reports.textimport import (
    DocumentKind,
    StatisticsRow,
    audit_parsed,
    parse_report_text,
)

SEED_DIRS = (Path(__file__).resolve().parents[2] / "core" / "demo" / "seeds",)


def seed(name: str) -> str:
    for folder in SEED_DIRS:
        if (folder / name).exists():
            return (folder / name).read_text(encoding="utf-8")
    pytest.fail(f"seed {name} not found in {', '.join(map(str, SEED_DIRS))}")


def figures(parsed):
    return [(f.key, f.value) for f in parsed.figures]


# --- seed 000: 朝阳市科技局 2012, prose only --------------------------------------------------------


def test_seed_000_chaoyang_2012():
    parsed = parse_report_text(seed("000_a15c1d0bfa9d8476.txt"))
    assert (parsed.kind, parsed.agency, parsed.year, parsed.format_key) == (
        DocumentKind.ANNUAL_REPORT,
        "朝阳市科技局",
        2012,
        None,
    )
    assert parsed.title == "朝阳市科技局2012年度政府信息公开工作报告"
    assert parsed.published_on == date(2013, 3, 18)  # 发布日期:2013-03-18
    assert parsed.cells == {} and parsed.statistics == ()
    # 主动公开各类政务信息共计165条; 未收到依申请予以公开有关事项的申请; 未出现因信息公开申请行政复议或提起行政诉讼
    assert figures(parsed) == [
        ("proactive_items", 165),
        ("applications_received", 0),
        ("administrative_reviews", 0),
        ("lawsuits", 0),
    ]
    assert parsed.notes == ("报告未附统计表，只读取正文中的数字",)
    assert audit_parsed(parsed) == []


# --- seed 001: 高青县科学技术局 2012, title on two lines --------------------------------------------


def test_seed_001_gaoqing_2012():
    parsed = parse_report_text(seed("001_240bf6a8e549b4ec.txt"))
    assert (parsed.agency, parsed.year, parsed.format_key) == ("高青县科学技术局", 2012, None)
    assert parsed.title == "高青县科学技术局2012年政府信息公开工作年度报告"
    assert parsed.published_on is None
    # 主动公开政府信息36条; 未有公民、法人或其他组织提出政府信息公开申请; 无政府信息公开收费及减免情况;
    # 没有发生因政府信息公开申请行政复议、提起行政诉讼的情况
    assert figures(parsed) == [
        ("proactive_items", 36),
        ("applications_received", 0),
        ("fees_charged", 0),
        ("administrative_reviews", 0),
        ("lawsuits", 0),
    ]
    assert audit_parsed(parsed) == []


# --- seed 002: 岳阳市科技局 2019, the 2019 format's table 二 with OCR slips ------------------------

SEED_002_TABLE = {
    ("二", "rules", "made"): 0,
    ("二", "rules", "published"): 0,
    ("二", "rules", "public_total"): 0,
    ("二", "normative", "made"): 0,
    ("二", "normative", "published"): 0,
    ("二", "normative", "public_total"): 0,
    ("二", "licensing", "prev_items"): 0,
    ("二", "licensing", "change"): 1,
    ("二", "licensing", "decisions"): 95,
    ("二", "other_services", "prev_items"): 28,
    ("二", "other_services", "change"): -7,
    ("二", "other_services", "decisions"): 406,
    ("二", "penalty", "prev_items"): 0,
    ("二", "penalty", "change"): 0,
    ("二", "penalty", "decisions"): 0,
    ("二", "coercion", "prev_items"): 0,
    ("二", "coercion", "change"): 0,
    ("二", "coercion", "decisions"): 0,
    ("二", "fees", "prev_items"): 0,
    ("二", "fees", "change"): 0,
    ("二", "procurement", "purchases"): 0,
    ("二", "procurement", "purchase_amount"): 0,
}
SEED_002_FIGURES = [
    ("proactive_items", 213),  # 利用网站主动公开政府信息213篇
    ("policy_interpretations", 9),  # 发布政策解读信息9条
    ("applications_received", 0),  # 未收到政府信息公开申请事项
    ("rules", 0),  # 主动公开规章0件
    ("normative", 0),  # 规范性文件0件
    ("licensing_items", 1),  # 实施行政许可1项
    ("other_services_items", 21),  # 其他对外管理服务事项21项
    ("procurement_items", 0),  # 实施政府集中采购0项
    ("procurement_amount", 0),  # 采购总金额0万元
    ("applications_received", 0),  # 三、… 我局未收到政府信息公开申请事项
    ("administrative_reviews", 0),  # 我局未产生行政复议、行政诉讼案件
    ("lawsuits", 0),
]


def test_seed_002_yueyang_2019():
    parsed = parse_report_text(seed("002_faed99d6d17bd285.txt"))
    assert (parsed.agency, parsed.year, parsed.format_key) == ("岳阳市科技局", 2019, "2019")
    assert parsed.title == "岳阳市科技局2019年政府信息公开年度报告"
    assert parsed.published_on == date(2020, 1, 23)  # 发布时间: 2020-01-23 16:21
    assert parsed.cells == SEED_002_TABLE
    assert figures(parsed) == SEED_002_FIGURES
    assert parsed.notes == ()


def test_seed_002_audit_finds_only_the_missing_tables():
    """By hand: 1 = 0 + 1 (行政许可) and 21 = 28 − 7 (其他对外管理服务事项) agree with the prose; the report
    has no table 三 or 四 ("未收到政府信息公开申请", "未产生行政复议、行政诉讼案件"), which 60号 requires."""
    results = audit_parsed(parse_report_text(seed("002_faed99d6d17bd285.txt")))
    assert [(r.level, r.code) for r in results] == [(Level.WARNING, Code.TABLE_MISSING)] * 2
    assert "三、收到和处理政府信息公开申请情况" in results[0].message
    assert "四、政府信息公开行政复议、行政诉讼情况" in results[1].message


def test_seed_002_audit_catches_a_contradicted_figure():
    text = seed("002_faed99d6d17bd285.txt").replace("其他对外管理服务事项21项", "其他对外管理服务事项22项")
    mismatches = [r for r in audit_parsed(parse_report_text(text)) if r.code == Code.NARRATIVE_MISMATCH]
    assert len(mismatches) == 1
    assert mismatches[0].cell == Cell("二", "other_services", "prev_items")
    assert "28" in mismatches[0].message and "-7" in mismatches[0].message and "= 21" in mismatches[0].message


# --- seed 003: a 工作总结, not an annual report ----------------------------------------------------


def test_seed_003_is_not_an_annual_report():
    parsed = parse_report_text(seed("003_be3e6aa54cfd2294.txt"))
    assert (parsed.kind, parsed.agency, parsed.year, parsed.format_key) == (DocumentKind.OTHER, None, None, None)
    assert parsed.cells == {} and parsed.figures == () and parsed.statistics == ()
    assert "科技局政务公开工作总结" in parsed.notes[0]
    assert audit_parsed(parsed) == []


# --- seed 004: 兴义市工业贸易和科学技术局 2016, a complete 国办发〔2014〕32号 统计表 -------------------


def test_seed_004_xingyi_2016():
    parsed = parse_report_text(seed("004_bfd56c8b530a0c40.txt"))
    # no title line: the year is in 现将我局2016年…年度报告 and (2016年度) under the 统计表 title
    assert (parsed.agency, parsed.year, parsed.format_key) == ("兴义市工业贸易和科学技术局", 2016, "2014-statistics")
    assert parsed.title is None
    assert parsed.notes == ("没有找到报告标题，报告年度取自正文和统计表",)
    rows = parsed.statistics
    assert len(rows) == 52
    assert rows[0] == StatisticsRow("一、主动公开情况", "", None)
    assert rows[:7] == (
        StatisticsRow("一、主动公开情况", "", None),
        StatisticsRow("(一)主动公开政府信息数", "条", 215),
        StatisticsRow("其中:主动公开规范性文件数", "条", 0),
        StatisticsRow("制发规范文件性文件总数", "件", 0),  # sic
        StatisticsRow("(二)通过不同渠道和方式公开政府信息的情况", "", None),
        StatisticsRow("1.网站公开政府信息数", "条", 178),
        StatisticsRow("2.其他方式公开政府信息数", "条", 67),
    )
    by_label = {row.label: row for row in rows}
    assert by_label["(一)收到申请数"] == StatisticsRow("(一)收到申请数", "件", 0)
    assert by_label["危及国家安全、公共安全、经济安全和社会稳定"].value == 0
    assert by_label["六、依申请公开信息收取的费用"] == StatisticsRow("六、依申请公开信息收取的费用", "万元", 0)
    assert by_label["(一)政府信息公开工作专门机构数"] == StatisticsRow("(一)政府信息公开工作专门机构数", "个", 1)
    assert by_label["(三)从事政府信息公开工作人员数"].value == 2
    assert by_label["1.专职人员数(不包括政府公报及政府网站工作人员数)"].value == 0
    assert by_label["2.兼职人数"] == StatisticsRow("2.兼职人数", "人", 2)
    assert by_label["(四)政府信息公开专项经费(不包括政府网站建设维护等方面的经费)"] == StatisticsRow(
        "(四)政府信息公开专项经费(不包括政府网站建设维护等方面的经费)", "万元", 2
    )
    assert by_label["(一)召开政府信息公开工作会议或专题会议数"].value == 2
    assert by_label["(二)举办各类培训班数"].value == 3
    assert rows[-1] == StatisticsRow("(三)接受培训人员数", "人次", 194)
    # 未收到政府信息依公开申请; 未收到因政府信息公开申请行政复议和提起行政诉讼情况
    assert figures(parsed) == [("applications_received", 0), ("administrative_reviews", 0), ("lawsuits", 0)]
    assert json.loads(json.dumps(parsed.as_json()))["statistics"][1] == ["(一)主动公开政府信息数", "条", 215]


def test_seed_004_audit():
    """By hand: 收到申请数 0 = 0+0+0+0, 办结 0 = 0+0, 答复 0 = Σ1–8, 复议/诉讼 0 = 0+0+0, 人员 2 = 0+2; the
    prose says no applications, 复议 or 诉讼, as the table does. 网站 178 + 其他方式 67 > 215 is not an error:
    one item can be published on several channels, and (二) has no total of its own."""
    text = seed("004_bfd56c8b530a0c40.txt")
    assert audit_parsed(parse_report_text(text)) == []
    broken = text.replace("2.兼职人数 |\n人 |\n2 |", "2.兼职人数 |\n人 |\n3 |")
    (result,) = audit_parsed(parse_report_text(broken))
    assert (result.level, result.code) == (Level.WARNING, Code.STATISTICS_SUM)
    assert "(三)从事政府信息公开工作人员数" in result.message and "= 3" in result.message


# --- layouts without the seeds --------------------------------------------------------------------

# seed 002's table as published (lines 46–63), OCR slips included: [五), 増, 碱, 費, 釆
TABLE_2019_EXCERPT = """岳阳市科技局2019年政府信息公开年度报告

二、主动公开政府信息情况

第二十条第(一)项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 0 0 0
第二十条第[五)项
信息内容 上一年项目数量 本年増/减 处理决定数量
行政许可 0 1 95
其他对外管理服务事项 28 -7 406
第二十条第(六)项
信息内容 上一年项目数量 本年増/碱 处理决定数量
行政处罚 0 0 0
行政强制 0 0 0
第二十条第(八)项
信息内容 上一年项目数量 本年増/减
行政事业性收費 0 0
第二十条第(九)项
信息内容 采购项目数量 釆购总金额
政府集中釆购 0 0
"""


def test_2019_table_two_as_published():
    parsed = parse_report_text(TABLE_2019_EXCERPT)
    assert parsed.format_key == "2019"
    assert parsed.cells == SEED_002_TABLE


# A 2021-format report as copied from a web page: full- and half-width brackets mixed, a label broken
# across lines, table 四's header over two lines and its figures one per line.
REPORT_2021 = """测试县科学技术局2022年政府信息公开工作年度报告

二、主动公开政府信息情况
第二十条第（一）项\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t2\t1\t12
第二十条第（五）项\t本年处理决定数量
行政许可\t95
第二十条第（六）项\t本年处理决定数量
行政处罚\t3
行政强制\t0
第二十条第（八）项\t本年收费金额（单位：万元）
行政事业性收费\t0.35

三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况 自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量 9 2 0 0 1 0 12
二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1
三、本年度办理结果
(一)予以公开 4 0 0 0 0 0 4
(二)部分公开(区分处理的,只计
这一情形,不计其他情形) 0 1 0 0 0 0 1
(三)不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 1 0 0 0 0 1
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
(四)无法提供 1.本机关不掌握相关政府信息 3 0 0 0 0 0 3
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
(五)不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 1 0 0 0 0 0 1
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
(六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 1 0 1
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3.其他 0 0 0 0 0 0 0
(七)总计 8 2 0 0 1 0 11
四、结转下年度继续办理 2 0 0 0 0 0 2

四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
1
0
0
0
1
0
0
0
1
1
0
0
0
0
0

五、存在的主要问题及改进情况
2022年共收到政府信息公开申请12件，因政府信息公开被申请行政复议1件，被提起行政诉讼1件。
"""

ENTERED_2021 = {
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


def test_a_2021_report_with_flattened_tables():
    parsed = parse_report_text(REPORT_2021)
    assert (parsed.agency, parsed.year, parsed.format_key) == ("测试县科学技术局", 2022, "2021")
    assert parsed.notes == ()
    assert parsed.cells == complete(FORMAT_2021, ENTERED_2021)
    assert parsed.figure("applications_received") == 12
    assert audit_parsed(parsed) == []


def test_audit_of_a_2021_report_that_does_not_balance():
    text = REPORT_2021.replace("四、结转下年度继续办理 2 0 0 0 0 0 2", "四、结转下年度继续办理 3 0 0 0 0 0 3")
    results = audit_parsed(parse_report_text(text))
    assert [(r.level, r.code, r.cell) for r in results] == [
        (Level.ERROR, Code.BALANCE, Cell("三", "total", "natural_person"))
    ]


def test_audit_of_a_2021_report_whose_prose_contradicts_table_four():
    text = REPORT_2021.replace("被申请行政复议1件", "被申请行政复议2件")
    results = audit_parsed(parse_report_text(text))
    assert [(r.code, r.cell) for r in results] == [(Code.NARRATIVE_MISMATCH, Cell("四", "cases", "review_total"))]


def test_a_missing_row_is_noted_not_guessed():
    text = REPORT_2021.replace("2.重复申请 1 0 0 0 0 0 1\n", "")
    parsed = parse_report_text(text)
    assert Cell("三", "reject_2", "natural_person") not in parsed.cells
    assert parsed.cells[Cell("三", "reject_3", "natural_person")] == 0
    assert parsed.notes == ("表三：没有找到「三、本年度办理结果 / （五）不予处理 / 2.重复申请」行",)
    assert {r.code for r in audit_parsed(parsed)} == {Code.INCOMPLETE}


def test_headers_decide_the_format_when_the_year_disagrees():
    text = REPORT_2021.replace("2022年政府信息公开", "2020年政府信息公开")
    parsed = parse_report_text(text)
    assert (parsed.year, parsed.format_key) == (2020, "2021")
    assert "国办公开办函〔2019〕60号" in parsed.notes[0]


def _render(fmt, cells, separator):
    """A report's tables flattened in the formats' own label order, one row per line or one cell per line."""
    lines = [f"测试市科学技术局{fmt.years[0] + 1}年度政府信息公开工作报告", "一、总体情况", "略。"]
    for table in fmt.tables:
        lines += [table.title, table.note]
        for group in table.groups:
            header = [group.label, group.stub_label, *(c.label for c in group.columns)]
            lines.append(separator.join(h for h in header if h))
            for row in group.rows:
                values = [] if row.heading else [str(cells[Cell(table.key, row.key, c.key)]) for c in group.columns]
                lines.append(separator.join([row.label, *values]))
    return "\n".join(lines)


@pytest.mark.parametrize("fmt", [FORMAT_2021, FORMAT_2019], ids=["2021", "2019"])
@pytest.mark.parametrize("separator", ["\t", "\n", " | ", "　"], ids=["tab", "line", "pipe", "ideographic-space"])
def test_every_cell_is_read_back_from_a_flattened_table(fmt, separator):
    entered = {cell: n % 5 for n, cell in enumerate(fmt.cells()) if not fmt.is_computed(cell)}
    cells = complete(fmt, entered)
    parsed = parse_report_text(_render(fmt, cells, separator))
    assert parsed.format_key == fmt.key
    assert parsed.notes == ()
    assert parsed.cells == cells


def test_prose_before_the_table_and_an_extra_row_inside_it():
    text = REPORT_2021.replace(
        "二、主动公开政府信息情况\n",
        "二、主动公开政府信息情况\n按照条例第二十条第（一）项，本年度公开了下列规章和规范性文件。\n",
    ).replace("行政强制\t0\n", "行政强制\t0\n小计\t3\n")
    parsed = parse_report_text(text)
    assert parsed.cells == complete(FORMAT_2021, ENTERED_2021)
    assert parsed.notes == ("表二：「第二十条第（八）项 / 行政事业性收费」行前有无法识别的内容「小计」，已跳过",)


STATISTICS_ONE_ROW_PER_LINE = """测试县科学技术局2015年度政府信息公开工作报告
一、概述
本年度主动公开政府信息 120 条，收到政府信息公开申请 3 件。
附件：
测试县科学技术局政府信息公开情况统计表
（2015年度）
统计指标\t单位\t统计数
一、主动公开情况
（一）主动公开政府信息数\t条\t120
二、依申请公开情况
（一）收到申请数\t件\t3
1.当面申请数\t件\t1
2.网络申请数\t件\t1
3.信函申请数\t件\t1
六、依申请公开信息收取的费用\t万元\t0.01
单位负责人：张三
"""


def test_a_statistics_table_one_row_per_line():
    parsed = parse_report_text(STATISTICS_ONE_ROW_PER_LINE)
    assert (parsed.agency, parsed.year, parsed.format_key) == ("测试县科学技术局", 2015, "2014-statistics")
    assert parsed.statistics == (
        StatisticsRow("一、主动公开情况", "", None),
        StatisticsRow("（一）主动公开政府信息数", "条", 120),
        StatisticsRow("二、依申请公开情况", "", None),
        StatisticsRow("（一）收到申请数", "件", 3),
        StatisticsRow("1.当面申请数", "件", 1),
        StatisticsRow("2.网络申请数", "件", 1),
        StatisticsRow("3.信函申请数", "件", 1),
        StatisticsRow("六、依申请公开信息收取的费用", "万元", Decimal("0.01")),
    )
    assert figures(parsed) == [("proactive_items", 120), ("applications_received", 3)]
    assert audit_parsed(parsed) == []
    mismatch = parse_report_text(STATISTICS_ONE_ROW_PER_LINE.replace("申请 3 件", "申请 4 件"))
    assert [r.code for r in audit_parsed(mismatch)] == [Code.NARRATIVE_MISMATCH]
