"""The statutory annual-report formats, declared once as data — a pure module, no Django, no database.

Two formats generate reports (条例第五十条):
- 国办公开办函〔2021〕30号, report years 2021 on;
- the 试行 format of 国办公开办函〔2019〕60号, report years 2019 and 2020.
Years up to 2018 used the 统计表 of 国办发〔2014〕32号, whose rows varied by province: those reports are
kept as imported data (``textimport``), never generated, so :func:`format_for_year` refuses them.

Every cell is addressed by ``Cell(table, row, column)`` with stable English keys, and renders with
the exact statutory labels (rules.md §4.1–4.3). Arithmetic is data too: a :class:`Sum` on a row or a
column says which siblings it adds up, :class:`Balance` is the identity printed in table 三,
:class:`Continuity` and :class:`CarryOver` tie a year to the previous one. ``checks`` and the
report compiler read these declarations; neither has a code path per row.

Table 三 row keys are a fixed vocabulary shared with the outcome table of ``foi`` (rules.md §2.4):
``new``, ``carried_in``, ``granted``, ``partial``, ``deny_1``…``deny_8``, ``unable_1``…``unable_3``,
``reject_1``…``reject_5``, ``other_1``…``other_3`` (2021; ``other`` in 2019), ``total``,
``carried_out``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

Number = int | Decimal


class Cell(NamedTuple):
    """The address of one figure. Plain ``(table, row, column)`` tuples compare equal to it."""

    table: str
    row: str
    column: str


class ValueKind(StrEnum):
    COUNT = "count"  # 件数, 数量: a non-negative integer
    DELTA = "delta"  # 2019 format 本年增/减: an integer that may be negative
    AMOUNT = "amount"  # 万元: non-negative, decimals allowed


@dataclass(frozen=True)
class Sum:
    """A computed cell: the sum of sibling rows (on a row) or sibling columns (on a column).

    ``code`` names the check that fires when an entered value disagrees with the sum.
    """

    of: tuple[str, ...]
    code: str


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    parents: tuple[str, ...] = ()  # spanning header labels above this one, outermost first
    kind: ValueKind = ValueKind.COUNT
    computed: Sum | None = None

    @property
    def parent_label(self) -> str:
        return " / ".join(self.parents)

    @property
    def path(self) -> str:
        return " / ".join((*self.parents, self.label))


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    parent: str | None = None  # key of the heading row this one is printed under
    computed: Sum | None = None
    heading: bool = False  # a heading row (三、本年度办理结果, （三）不予公开) prints no figures


@dataclass(frozen=True)
class Continuity:
    """This year's ``column`` = Σ sign·previous year's columns + Σ sign·this year's columns, per row.

    Used for stocks that carry over: 现行有效件数 (2021) and the 2019 format's 项目数量.
    """

    column: str
    from_previous: tuple[tuple[str, int], ...]
    from_current: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class RowGroup:
    """Rows printed under one header line; table 二 has one group per 第二十条 item."""

    key: str
    label: str  # e.g. 第二十条第（一）项; "" when the table has a single header
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    stub_label: str = ""  # the header over the row labels, e.g. 信息内容 (2019 format)
    continuity: tuple[Continuity, ...] = ()


@dataclass(frozen=True)
class Balance:
    """Σ ``left`` rows = Σ ``right`` rows in each of ``columns`` (the 勾稽关系 printed in table 三)."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class CarryOver:
    """This year's ``row`` must equal the previous year's ``previous_row``, column by column."""

    row: str
    previous_row: str


@dataclass(frozen=True)
class Table:
    key: str  # the section number the table belongs to: 二, 三, 四
    title: str
    groups: tuple[RowGroup, ...]
    note: str = ""
    balances: tuple[Balance, ...] = ()
    carry_over: tuple[CarryOver, ...] = ()

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns of a single-header table (三, 四); table 二's differ by group: use :meth:`column`."""
        if len(self.groups) != 1:
            raise ValueError(f"表{self.key}各组列不同，请按行取列")
        return self.groups[0].columns

    def group_of(self, row_key: str) -> RowGroup:
        for group in self.groups:
            if any(row.key == row_key for row in group.rows):
                return group
        raise KeyError(f"表{self.key}没有行 {row_key!r}")

    def row(self, key: str) -> Row:
        return next(row for row in self.group_of(key).rows if row.key == key)

    def column(self, row_key: str, column_key: str) -> Column:
        """Columns belong to a row's group: table 二's groups each have their own header."""
        for column in self.group_of(row_key).columns:
            if column.key == column_key:
                return column
        raise KeyError(f"表{self.key}的 {row_key!r} 行没有列 {column_key!r}")

    def row_path(self, key: str) -> str:
        """The row's label under its headings, e.g. 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密."""
        group = self.group_of(key)
        labels: list[str] = []
        row: Row | None = self.row(key)
        while row is not None:
            labels.insert(0, row.label)
            row = self.row(row.parent) if row.parent else None
        if group.label:
            labels.insert(0, group.label)
        return " / ".join(label for label in labels if label)

    def level(self, key: str) -> int:
        row, level = self.row(key), 0
        while row.parent:
            row, level = self.row(row.parent), level + 1
        return level

    def cells(self) -> Iterator[Cell]:
        for group in self.groups:
            for row in group.rows:
                if not row.heading:
                    for column in group.columns:
                        yield Cell(self.key, row.key, column.key)


@dataclass(frozen=True)
class NarrativeTarget:
    """Which cells a figure stated in the narrative must agree with (``checks.find_figures`` keys)."""

    figure: str
    terms: tuple[tuple[Cell, int], ...]  # (cell, +1 or -1)


@dataclass(frozen=True)
class ReportFormat:
    key: str
    name: str
    document: str
    years: tuple[int, int | None]  # first and last report year, inclusive; None = still in force
    sections: tuple[str, ...]
    tables: tuple[Table, ...]
    rules_row: tuple[str, str] = ("二", "rules")  # the 规章 row: only bodies that can issue 规章 fill it
    narrative_targets: tuple[NarrativeTarget, ...] = ()

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"{self.name}没有表{key}")

    def cells(self) -> Iterator[Cell]:
        for table in self.tables:
            yield from table.cells()

    def is_computed(self, cell: Cell) -> bool:
        table = self.table(cell.table)
        return bool(table.row(cell.row).computed or table.column(cell.row, cell.column).computed)

    def column(self, cell: Cell) -> Column:
        return self.table(cell.table).column(cell.row, cell.column)

    def describe(self, cell: Cell) -> str:
        """The cell by its statutory labels, for messages a person reads."""
        table = self.table(cell.table)
        row = table.row_path(cell.row)
        column = table.column(cell.row, cell.column).path
        where = f"「{row}」行「{column}」列" if row else f"「{column}」列"
        return f"表「{table.title}」{where}"


def complete(fmt: ReportFormat, cells: Mapping[tuple[str, str, str], Number]) -> dict[Cell, Number]:
    """Every cell of the format: entered cells as given, missing ones 0, computed ones recomputed.

    A value entered for a computed cell is replaced by the sum, so audit entered totals with
    ``checks.run_checks`` *before* completing. Unknown cells raise: silently dropping a figure
    would publish a wrong report.
    """
    known = set(fmt.cells())
    unknown = [cell for cell in cells if Cell(*cell) not in known]
    if unknown:
        raise ValueError(f"{fmt.name}中没有这些单元格：{unknown}")
    out: dict[Cell, Number] = {}
    for table in fmt.tables:
        for group in table.groups:
            plain_rows = [row for row in group.rows if not row.heading and not row.computed]
            total_rows = [row for row in group.rows if row.computed]
            for row in plain_rows:
                _fill_row(table.key, row.key, group.columns, cells, out)
            for row in total_rows:
                assert row.computed is not None
                for column in group.columns:
                    out[Cell(table.key, row.key, column.key)] = sum(
                        (out[Cell(table.key, part, column.key)] for part in row.computed.of), start=0
                    )
    return out


def _fill_row(
    table: str,
    row: str,
    columns: tuple[Column, ...],
    cells: Mapping[tuple[str, str, str], Number],
    out: dict[Cell, Number],
) -> None:
    for column in columns:
        if not column.computed:
            out[Cell(table, row, column.key)] = cells.get(Cell(table, row, column.key), 0)
    for column in columns:
        if column.computed:
            out[Cell(table, row, column.key)] = sum(
                (out[Cell(table, row, part)] for part in column.computed.of), start=0
            )


# --- the sections (条例第五十条; identical in both formats) -----------------------------------------

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# --- table 三: 收到和处理政府信息公开申请情况 (rules.md §4.2) -----------------------------------------

APPLICANT_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org")
_ORG = ("法人或其他组织",)
APPLICATION_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业", _ORG),
    Column("research", "科研机构", _ORG),
    Column("public_interest", "社会公益组织", _ORG),
    Column("legal_service", "法律服务机构", _ORG),
    Column("other_org", "其他", _ORG),
    Column("total", "总计", computed=Sum(APPLICANT_COLUMNS, code="total_column")),
)

APPLICATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_DENY = (
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    '3.危及"三安全一稳定"',
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
)
_UNABLE = ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")
_REJECT = (
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
)
_OTHER = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
)


def _children(prefix: str, parent: str, labels: tuple[str, ...]) -> tuple[Row, ...]:
    return tuple(Row(f"{prefix}_{n}", label, parent) for n, label in enumerate(labels, start=1))


def _application_table(other_rows: tuple[Row, ...]) -> Table:
    outcome_keys = (
        "granted",
        "partial",
        *(f"deny_{n}" for n in range(1, 9)),
        *(f"unable_{n}" for n in range(1, 4)),
        *(f"reject_{n}" for n in range(1, 6)),
        *(row.key for row in other_rows if not row.heading),
    )
    rows = (
        Row("new", "一、本年新收政府信息公开申请数量"),
        Row("carried_in", "二、上年结转政府信息公开申请数量"),
        Row("results", "三、本年度办理结果", heading=True),
        Row("granted", "（一）予以公开", "results"),
        Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "results"),
        Row("deny", "（三）不予公开", "results", heading=True),
        *_children("deny", "deny", _DENY),
        Row("unable", "（四）无法提供", "results", heading=True),
        *_children("unable", "unable", _UNABLE),
        Row("reject", "（五）不予处理", "results", heading=True),
        *_children("reject", "reject", _REJECT),
        *other_rows,
        # 三（七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六） (rules.md §4.4)
        Row("total", "（七）总计", "results", computed=Sum(outcome_keys, code="total_row")),
        Row("carried_out", "四、结转下年度继续办理"),
    )
    return Table(
        key="三",
        title="三、收到和处理政府信息公开申请情况",
        groups=(RowGroup("applications", "", APPLICATION_COLUMNS, rows),),
        note=APPLICATION_NOTE,
        # the note printed in the table: 第一项加第二项之和，等于第三项加第四项之和
        balances=(Balance(("new", "carried_in"), ("total", "carried_out"), APPLICANT_COLUMNS),),
        carry_over=(CarryOver("carried_in", "carried_out"),),
    )


APPLICATIONS_2021 = _application_table(
    (Row("other", "（六）其他处理", "results", heading=True), *_children("other", "other", _OTHER))
)
APPLICATIONS_2019 = _application_table((Row("other", "（六）其他处理", "results"),))

# --- table 四: 政府信息公开行政复议、行政诉讼情况 (rules.md §4.3) ---------------------------------------

REMEDY_GROUPS = (
    ("review", ("行政复议",)),
    ("suit_direct", ("行政诉讼", "未经复议直接起诉")),
    ("suit_after_review", ("行政诉讼", "复议后起诉")),
)
_RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))


def _remedy_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for group, parents in REMEDY_GROUPS:
        parts = tuple(f"{group}_{result}" for result, _ in _RESULTS)
        columns += [Column(f"{group}_{result}", label, parents) for result, label in _RESULTS]
        columns.append(Column(f"{group}_total", "总计", parents, computed=Sum(parts, code="remedy_total")))
    return tuple(columns)


REMEDIES = Table(
    key="四",
    title="四、政府信息公开行政复议、行政诉讼情况",
    groups=(RowGroup("remedies", "", _remedy_columns(), (Row("cases", ""),)),),
)

# --- table 二: 主动公开政府信息情况 (rules.md §4.1) ---------------------------------------------------

_DECISIONS_2021 = (Column("decisions", "本年处理决定数量"),)

PROACTIVE_2021 = Table(
    key="二",
    title="二、主动公开政府信息情况",
    groups=(
        RowGroup(
            "item_1",
            "第二十条第（一）项",
            (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"), Column("in_force", "现行有效件数")),
            (Row("rules", "规章"), Row("normative", "行政规范性文件")),
            # 现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (rules.md §4.4, a warning)
            continuity=(Continuity("in_force", (("in_force", 1),), (("issued", 1), ("repealed", -1))),),
        ),
        RowGroup("item_5", "第二十条第（五）项", _DECISIONS_2021, (Row("licensing", "行政许可"),)),
        RowGroup(
            "item_6", "第二十条第（六）项", _DECISIONS_2021, (Row("penalty", "行政处罚"), Row("coercion", "行政强制"))
        ),
        RowGroup(
            "item_8",
            "第二十条第（八）项",
            (Column("fee_amount", "本年收费金额（单位：万元）", kind=ValueKind.AMOUNT),),
            (Row("fees", "行政事业性收费"),),
        ),
    ),
)

_ITEMS_2019 = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", kind=ValueKind.DELTA),
    Column("decisions", "处理决定数量"),
)
# 上一年项目数量 this year = last year's 上一年项目数量 + last year's 本年增/减
_ITEMS_CONTINUITY = (Continuity("prev_items", (("prev_items", 1), ("change", 1))),)
_STUB_2019 = "信息内容"  # the header over the row labels, as printed in the 60号 format (seed 002)

PROACTIVE_2019 = Table(
    key="二",
    title="二、主动公开政府信息情况",
    groups=(
        RowGroup(
            "item_1",
            "第二十条第（一）项",
            (
                Column("made", "本年新制作数量"),
                Column("published", "本年新公开数量"),
                Column("public_total", "对外公开总数量"),
            ),
            (Row("rules", "规章"), Row("normative", "规范性文件")),
            stub_label=_STUB_2019,
            continuity=(Continuity("public_total", (("public_total", 1),), (("published", 1),)),),
        ),
        RowGroup(
            "item_5",
            "第二十条第（五）项",
            _ITEMS_2019,
            (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")),
            stub_label=_STUB_2019,
            continuity=_ITEMS_CONTINUITY,
        ),
        RowGroup(
            "item_6",
            "第二十条第（六）项",
            _ITEMS_2019,
            (Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
            stub_label=_STUB_2019,
            continuity=_ITEMS_CONTINUITY,
        ),
        RowGroup(
            "item_8",
            "第二十条第（八）项",
            _ITEMS_2019[:2],
            (Row("fees", "行政事业性收费"),),
            stub_label=_STUB_2019,
            continuity=_ITEMS_CONTINUITY,
        ),
        RowGroup(
            "item_9",
            "第二十条第（九）项",
            (Column("purchases", "采购项目数量"), Column("purchase_amount", "采购总金额", kind=ValueKind.AMOUNT)),
            (Row("procurement", "政府集中采购"),),
            stub_label=_STUB_2019,
        ),
    ),
)

# --- narrative figures each format can be checked against (see checks.find_figures) ---------------

_COMMON_TARGETS = (
    NarrativeTarget("applications_received", ((Cell("三", "new", "total"), 1),)),
    NarrativeTarget("administrative_reviews", ((Cell("四", "cases", "review_total"), 1),)),
    NarrativeTarget(
        "lawsuits",
        ((Cell("四", "cases", "suit_direct_total"), 1), (Cell("四", "cases", "suit_after_review_total"), 1)),
    ),
)


def _current_items(row: str) -> tuple[tuple[Cell, int], ...]:
    """2019 format: the number of items this year is 上一年项目数量 + 本年增/减."""
    return ((Cell("二", row, "prev_items"), 1), (Cell("二", row, "change"), 1))


FORMAT_2021 = ReportFormat(
    key="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    years=(2021, None),
    sections=SECTIONS,
    tables=(PROACTIVE_2021, APPLICATIONS_2021, REMEDIES),
    narrative_targets=(
        *_COMMON_TARGETS,
        # 2021 table 二 counts documents made this year: 制发/出台/印发规章X件
        NarrativeTarget("rules", ((Cell("二", "rules", "issued"), 1),)),
        NarrativeTarget("normative", ((Cell("二", "normative", "issued"), 1),)),
    ),
)

FORMAT_2019 = ReportFormat(
    key="2019",
    name="政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    years=(2019, 2020),
    sections=SECTIONS,
    tables=(PROACTIVE_2019, APPLICATIONS_2019, REMEDIES),
    narrative_targets=(
        *_COMMON_TARGETS,
        # 2019 narratives say "主动公开规章X件": compared with 本年新公开数量
        NarrativeTarget("rules", ((Cell("二", "rules", "published"), 1),)),
        NarrativeTarget("normative", ((Cell("二", "normative", "published"), 1),)),
        NarrativeTarget("licensing_items", _current_items("licensing")),
        NarrativeTarget("other_services_items", _current_items("other_services")),
        NarrativeTarget("procurement_items", ((Cell("二", "procurement", "purchases"), 1),)),
        NarrativeTarget("procurement_amount", ((Cell("二", "procurement", "purchase_amount"), 1),)),
    ),
)

FORMATS: dict[str, ReportFormat] = {fmt.key: fmt for fmt in (FORMAT_2021, FORMAT_2019)}

STATISTICS_2014 = "2014-statistics"  # 国办发〔2014〕32号 统计表: imported data only


class NoGeneratedFormat(ValueError):
    """The year predates the 2019 formats: its report is imported data, not generated."""


def format_for_year(year: int) -> ReportFormat:
    """The format a report for ``year`` must follow (国办公开办函〔2021〕30号 from 2021 on)."""
    for fmt in FORMATS.values():
        first, last = fmt.years
        if year >= first and (last is None or year <= last):
            return fmt
    raise NoGeneratedFormat(
        f"{year}年度的年报适用国办发〔2014〕32号的统计表，各省表式不一，只作为导入数据保存，不按格式生成。"
    )
