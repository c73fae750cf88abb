"""Tables 三 and 四 and section 六's fees counted from cases made through the foi services.

Every expected figure below was worked out by hand from the fixture's docstring, not by the code.
Columns of table 三 in order: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from xxgk.core.identifiers import uscc_check_char
from xxgk.foi import services
from xxgk.foi.tests.conftest import VALID_ID
from xxgk.reports.checks import Code
from xxgk.reports.formats import APPLICANT_COLUMNS, FORMAT_2019, FORMAT_2021, Cell
from xxgk.reports.services import compile_for

D = date.fromisoformat
pytestmark = pytest.mark.django_db
COLUMNS = (*APPLICANT_COLUMNS, "total")
NP, COM, RES, PI, LS, OO = APPLICANT_COLUMNS

# One 2025 case per outcome (foi.outcomes), applicant types cycling 自然人 → 其他 (column in brackets).
OUTCOME_CASES = (
    "already_public",  # 1 自然人      三（一）
    "granted",  # 2 商业企业              三（一）
    "partial",  # 3 科研机构              三（二）
    "deny_state_secret",  # 4 社会公益组织 三（三）1
    "deny_law_forbids",  # 5 法律服务机构  三（三）2
    "deny_three_safety",  # 6 其他        三（三）3
    "deny_third_party",  # 7 自然人       三（三）4
    "deny_internal",  # 8 商业企业        三（三）5
    "deny_process",  # 9 科研机构         三（三）6
    "deny_enforcement_file",  # 10 社会公益组织 三（三）7
    "deny_query_matter",  # 11 法律服务机构 三（三）8
    "unable_not_held",  # 12 其他         三（四）1
    "unable_needs_creation",  # 13 自然人 三（四）2
    "unable_still_unclear",  # 14 商业企业 三（四）3
    "reject_petition",  # 15 科研机构     三（五）1
    "reject_duplicate",  # 16 社会公益组织 三（五）2
    "reject_publication",  # 17 法律服务机构 三（五）3
    "reject_unreasonable",  # 18 其他     三（五）4
    "reject_confirm_reissue",  # 19 自然人 三（五）5
    "other_no_correction",  # 20 商业企业 三（六）1
    "other_fee_unpaid",  # 21 科研机构    三（六）2
    "other",  # 22 社会公益组织           三（六）3
)

# 2025 (30号 format), by hand. 本年新收: the 22 above (4/4/4/4/3/3) + C5, C6, C7, C8, C9 and its split-off
# C9b (自然人 +4, 法律服务机构 +1, 其他 +1). 上年结转: C2 (商业企业), C3 (科研机构). Results: the 22 in their
# rows, plus C2 三（三）4, C5 三（四）1 (reopened the same year), C7 三（一）, C8 三（一）, C9 三（一）,
# C9b 三（四）1. 结转下年度: C3 (科研机构), C6 (自然人). C4's 2025 re-answer and C10 (unconfirmed) count nowhere.
EXPECTED_2025 = {
    "new": (8, 4, 4, 4, 4, 4, 28),
    "carried_in": (0, 1, 1, 0, 0, 0, 2),
    "granted": (2, 1, 0, 0, 1, 1, 5),
    "partial": (0, 0, 1, 0, 0, 0, 1),
    "deny_1": (0, 0, 0, 1, 0, 0, 1),
    "deny_2": (0, 0, 0, 0, 1, 0, 1),
    "deny_3": (0, 0, 0, 0, 0, 1, 1),
    "deny_4": (1, 1, 0, 0, 0, 0, 2),
    "deny_5": (0, 1, 0, 0, 0, 0, 1),
    "deny_6": (0, 0, 1, 0, 0, 0, 1),
    "deny_7": (0, 0, 0, 1, 0, 0, 1),
    "deny_8": (0, 0, 0, 0, 1, 0, 1),
    "unable_1": (2, 0, 0, 0, 0, 1, 3),
    "unable_2": (1, 0, 0, 0, 0, 0, 1),
    "unable_3": (0, 1, 0, 0, 0, 0, 1),
    "reject_1": (0, 0, 1, 0, 0, 0, 1),
    "reject_2": (0, 0, 0, 1, 0, 0, 1),
    "reject_3": (0, 0, 0, 0, 1, 0, 1),
    "reject_4": (0, 0, 0, 0, 0, 1, 1),
    "reject_5": (1, 0, 0, 0, 0, 0, 1),
    "other_1": (0, 1, 0, 0, 0, 0, 1),
    "other_2": (0, 0, 1, 0, 0, 0, 1),
    "other_3": (0, 0, 0, 1, 0, 0, 1),
    "total": (7, 5, 4, 4, 4, 4, 28),
    "carried_out": (1, 0, 1, 0, 0, 0, 2),
}
# 2024: new C1, C4 (自然人), C2 (商业企业), C3 (科研机构); C1 and C4 answered 予以公开; C2, C3 carried over.
EXPECTED_2024 = {
    "new": (2, 1, 1, 0, 0, 0, 4),
    "carried_in": (0, 0, 0, 0, 0, 0, 0),
    "granted": (2, 0, 0, 0, 0, 0, 2),
    "total": (2, 0, 0, 0, 0, 0, 2),
    "carried_out": (0, 1, 1, 0, 0, 0, 2),
}


def _person(kind: str, n: int) -> services.ApplicantData:
    if kind == NP:
        return services.ApplicantData(kind, "张三", "resident_id", VALID_ID, phone="13812345678")
    first17 = f"9121130{n:04d}MA0Y2K"[:17].ljust(17, "0")
    return services.ApplicantData(kind, f"申请单位{n}", "uscc", first17 + uscc_check_char(first17), phone="0421-1")


class Desk:
    """Registers and answers applications through the foi services, as the agency's handler would."""

    def __init__(self, handler, agency):
        self.handler, self.agency, self.n = handler, agency, 0

    def register(self, kind: str, arrived: str, channel: str = "in_person", name: str = "", agency=None, actor=None):
        self.n += 1
        return services.register_application(
            actor or self.handler,
            agency or self.agency,
            channel=channel,
            arrived_on=D(arrived),
            applicant=_person(kind, self.n),
            request=services.RequestedInfo(name or f"所需信息{self.n}"),
            form_wanted="paper",
            delivery_method="post",
        )

    def pay_fee(self, case, sent: str, paid: str, pages: int) -> None:
        services.send_fee_notice(self.handler, case, on=D(sent), method="per_page", pages=pages)
        services.deliver_fee_notice(self.handler, case, on=D(sent) + timedelta(days=1))
        services.record_fee_payment(self.handler, case, on=D(paid), receipt_number=f"No.{case.pk}")

    def answer(self, case, code: str, on: str | date) -> None:
        """Decide with ``code``, first taking the steps the outcome needs (补正 lapsed, fee unpaid)."""
        on = D(on) if isinstance(on, str) else on
        received = case.received_on
        extra = {}
        if code == "other_no_correction":
            asked, reply_by = received + timedelta(days=1), received + timedelta(days=5)
            services.request_correction(self.handler, case, on=asked, items="请写明年度", reply_by=reply_by)
        elif code == "other_fee_unpaid":
            services.send_fee_notice(self.handler, case, on=received + timedelta(days=1), method="per_page", pages=40)
            services.deliver_fee_notice(self.handler, case, on=received + timedelta(days=1))
        elif code == "partial":
            extra = {"withheld": "第三方的联系方式", "withheld_ground": "deny_third_party"}
        services.decide(self.handler, case, on=on, outcome_code=code, **extra)


@pytest.fixture
def desk(agency_a, make_staff):
    from xxgk.core.models import Role

    return Desk(make_staff(agency_a, Role.FOI_HANDLER), agency_a)


@pytest.fixture
def other_desk(agency_b, make_staff):
    from xxgk.core.models import Role

    return Desk(make_staff(agency_b, Role.FOI_HANDLER), agency_b)


@pytest.fixture
def year_2025(desk, other_desk, agency_a):
    """agency_a's cases of 2024–2025 (every date a working day unless said otherwise):

    C1 自然人 received 2024-03-04, fee 35 pages (50元) paid 2024-03-12, 予以公开 2024-03-20.
    C2 商业企业 received 2024-12-16, 不予公开·第三方 2025-01-10.   C3 科研机构 received 2024-12-20, still open.
    C4 自然人 received 2024-06-03, 予以公开 2024-06-20; 行政复议 filed 2024-07-01, 纠正 2025-01-15;
       reopened 2025-02-03 and answered 部分公开 2025-02-20 (counted in 2024 only).
    The 22 outcome cases: received every Tuesday from 2025-02-11, answered a week later (逾期未缴费 seven
       weeks later). C5 自然人 received 2025-03-03, 予以公开 03-10, reopened 03-12, 无法提供·不掌握 03-20.
    C6 自然人 received 2025-12-22, open. C7 其他 received 2025-04-01, fee 40 pages (100元) paid 04-15,
       予以公开 04-22. C8 法律服务机构 registered at agency_b 2025-05-06, transferred to agency_a 05-07,
       予以公开 05-20. C9 自然人 received 2025-06-04, split 06-05 into C9b; C9 予以公开, C9b 不掌握, 06-16.
    C10 自然人 平常信函 arrived 2025-11-03, never confirmed. C11 is agency_b's own case with a 复议.
    Register 2025 (table 四): #7 复议 filed 03-10 维持 05-10 and 复议后起诉 filed 06-01 pending;
       #4 复议 filed 04-01, 纠正 2026-01-20 (pending on 31 December); #5 直接起诉 filed 05-01 纠正 09-01;
       #9 复议 filed 06-10 其他结果 08-10.
    """
    h = desk.handler
    c1 = desk.register(NP, "2024-03-04")
    desk.pay_fee(c1, "2024-03-05", "2024-03-12", pages=35)
    desk.answer(c1, "granted", "2024-03-20")
    c4 = desk.register(NP, "2024-06-03")
    desk.answer(c4, "granted", "2024-06-20")
    review_c4 = services.record_remedy(h, c4, kind="review", filed_on=D("2024-07-01"))
    services.conclude_remedy(h, review_c4, result="corrected", concluded_on=D("2025-01-15"))
    c2 = desk.register(COM, "2024-12-16")
    c3 = desk.register(RES, "2024-12-20")
    desk.answer(c2, "deny_third_party", "2025-01-10")
    services.reopen(h, c4, on=D("2025-02-03"), reason="复议决定责令重新答复")
    desk.answer(c4, "partial", "2025-02-20")

    cases = {}
    for i, code in enumerate(OUTCOME_CASES):
        received = D("2025-02-11") + timedelta(weeks=i)
        case = desk.register(APPLICANT_COLUMNS[i % 6], received.isoformat())
        desk.answer(case, code, received + timedelta(weeks=7 if code == "other_fee_unpaid" else 1))
        cases[code] = case
    c5 = desk.register(NP, "2025-03-03")
    desk.answer(c5, "granted", "2025-03-10")
    services.reopen(h, c5, on=D("2025-03-12"), reason="发现答复有误")
    desk.answer(c5, "unable_not_held", "2025-03-20")
    c6 = desk.register(NP, "2025-12-22")
    c7 = desk.register(OO, "2025-04-01")
    desk.pay_fee(c7, "2025-04-02", "2025-04-15", pages=40)
    desk.answer(c7, "granted", "2025-04-22")
    c8 = other_desk.register(LS, "2025-05-06")
    services.transfer(other_desk.handler, c8, agency_a, reason="申请事项属科技局职责", on=D("2025-05-07"))
    desk.answer(c8, "granted", "2025-05-20")
    c9 = desk.register(NP, "2025-06-04")
    (c9b,) = services.split_case(h, c9, [services.RequestedInfo("另一事项")], on=D("2025-06-05"))
    desk.answer(c9, "granted", "2025-06-16")
    desk.answer(c9b, "unable_not_held", "2025-06-16")
    c10 = desk.register(NP, "2025-11-03", channel="ordinary_letter")
    c11 = other_desk.register(NP, "2025-07-01")
    other_desk.answer(c11, "granted", "2025-07-08")
    review_c11 = services.record_remedy(other_desk.handler, c11, kind="review", filed_on=D("2025-08-01"))
    services.conclude_remedy(other_desk.handler, review_c11, result="upheld", concluded_on=D("2025-09-01"))

    def remedy(case, kind, filed, result=None, concluded=None):
        entry = services.record_remedy(h, case, kind=kind, filed_on=D(filed))
        if result:
            services.conclude_remedy(h, entry, result=result, concluded_on=D(concluded))

    remedy(cases["deny_third_party"], "review", "2025-03-10", "upheld", "2025-05-10")
    remedy(cases["deny_third_party"], "suit_after_review", "2025-06-01")
    remedy(cases["deny_state_secret"], "review", "2025-04-01", "corrected", "2026-01-20")
    remedy(cases["deny_law_forbids"], "suit_direct", "2025-05-01", "corrected", "2025-09-01")
    remedy(cases["deny_process"], "review", "2025-06-10", "other", "2025-08-10")
    return {**cases, "C1": c1, "C2": c2, "C3": c3, "C4": c4, "C5": c5, "C6": c6, "C7": c7, "C8": c8}, c9, c9b, c10


def table_three(compiled) -> dict[str, tuple[int, ...]]:
    rows = [row.key for row in compiled.fmt.table("三").rows if not row.heading]
    return {row: tuple(compiled.value("三", row, column) for column in COLUMNS) for row in rows}


def test_table_three_2025_counts_every_outcome_row_and_applicant_type(year_2025, agency_a):
    compiled = compile_for(agency_a, 2025)
    assert compiled.fmt is FORMAT_2021
    assert table_three(compiled) == EXPECTED_2025
    assert not compiled.blocking
    assert {str(compiled.origins[Cell("三", "deny_8", NP)]), str(compiled.origins[Cell("三", "total", NP)])} == {
        "cases",
        "computed",
    }


def test_each_cell_carries_the_cases_counted_in_it(year_2025, agency_a):
    cases, _, c9b, c10 = year_2025
    records = compile_for(agency_a, 2025).records
    assert records[Cell("三", "deny_4", COM)] == (cases["C2"].number,)
    assert records[Cell("三", "deny_4", "total")] == (cases["C2"].number, cases["deny_third_party"].number)
    assert set(records[Cell("三", "unable_1", NP)]) == {cases["C5"].number, c9b.number}
    assert set(records[Cell("三", "carried_out", "total")]) == {cases["C3"].number, cases["C6"].number}
    assert len(records[Cell("三", "total", "total")]) == 28 and len(records[Cell("三", "new", "total")]) == 28
    everything = {n for numbers in records.values() for n in numbers}
    assert c10.number not in everything and cases["C1"].number not in everything  # unconfirmed; answered in 2024


def test_two_years_chain_and_the_published_carry_over_check_passes(year_2025, agency_a, operator):
    from xxgk.reports import services as reports

    compiled = compile_for(agency_a, 2024)
    assert table_three(compiled) == {row: (0,) * 7 for row in table_three(compiled)} | EXPECTED_2024
    report = reports.compile_report(operator, agency_a, 2024)
    for check in list(report.checks):
        if check["level"] == "warning":
            report = reports.acknowledge_warning(operator, report, check["key"])
    reports.publish_report(operator, report)
    compiled = compile_for(agency_a, 2025)
    assert [c for c in compiled.checks if c.code == Code.CARRY_OVER] == []
    assert compiled.value("三", "carried_in", "total") == 2 == EXPECTED_2024["carried_out"][-1]


def test_table_four_counts_this_agencys_remedies_filed_in_the_year(year_2025, agency_a, agency_b):
    compiled = compile_for(agency_a, 2025)
    four = {column.key: compiled.value("四", "cases", column.key) for column in compiled.fmt.table("四").columns}
    assert four == {
        "review_upheld": 1,
        "review_corrected": 0,
        "review_other": 1,
        "review_pending": 1,  # concluded only in 2026
        "review_total": 3,
        "suit_direct_upheld": 0,
        "suit_direct_corrected": 1,
        "suit_direct_other": 0,
        "suit_direct_pending": 0,
        "suit_direct_total": 1,
        "suit_after_review_upheld": 0,
        "suit_after_review_corrected": 0,
        "suit_after_review_other": 0,
        "suit_after_review_pending": 1,
        "suit_after_review_total": 1,
    }
    previous = compile_for(agency_a, 2024)
    assert previous.value("四", "cases", "review_pending") == 1 == previous.value("四", "cases", "review_total")
    # agency_b: its own case's 复议 (upheld), nothing of agency_a's; C8 moved away before any answer
    other = compile_for(agency_b, 2025)
    assert other.value("四", "cases", "review_upheld") == 1 == other.value("四", "cases", "review_total")
    assert other.value("三", "new", "total") == 1 == other.value("三", "granted", NP)


def test_fees_paid_in_the_year_go_to_section_six(year_2025, agency_a, agency_b, city):
    from xxgk.reports import sources

    assert sources.processing_fees(agency_a, 2025) == Decimal("100.00")  # C7 (C1's 50元 was 2024's)
    assert sources.processing_fees(agency_a, 2024) == Decimal("50.00")
    assert sources.processing_fees(agency_b, 2025) == Decimal("0.00")  # cases on the platform, no fee
    assert sources.processing_fees(city, 2025) is None  # no cases: section 六 asks staff


def test_no_cases_in_the_year_keeps_the_entered_figures(year_2025, agency_a, operator):
    from xxgk.reports import services as reports

    reports.save_statistics(operator, agency_a, 2023, {("三", "new", NP): 5, ("三", "granted", NP): 5})
    compiled = compile_for(agency_a, 2023)
    assert compiled.value("三", "new", NP) == 5 and str(compiled.origins[Cell("三", "new", NP)]) == "entered"
    # once cases count, the entered table 三 is not used
    reports.save_statistics(operator, agency_a, 2025, {("三", "new", NP): 99})
    assert compile_for(agency_a, 2025).value("三", "new", NP) == 8


def test_the_2019_format_counts_all_other_outcomes_in_one_row(desk, agency_a):
    """2020, by hand: A 自然人 逾期不补正, B 商业企业 withdrawn (其他), C 自然人 予以公开, E 法律服务机构
    逾期未缴费 — （六）其他处理 is one row in the 2019 format; D 科研机构 received 2020-12-28 stays open."""
    a = desk.register(NP, "2020-06-01")
    desk.answer(a, "other_no_correction", "2020-06-15")
    b = desk.register(COM, "2020-06-03")
    desk.answer(b, "other", "2020-06-05")
    c = desk.register(NP, "2020-06-04")
    desk.answer(c, "granted", "2020-06-10")
    e = desk.register(LS, "2020-06-05")
    desk.answer(e, "other_fee_unpaid", "2020-07-31")
    desk.register(RES, "2020-12-28")
    compiled = compile_for(agency_a, 2020)
    assert compiled.fmt is FORMAT_2019
    expected = {row: (0,) * 7 for row in table_three(compiled)}
    expected |= {
        "new": (2, 1, 1, 0, 1, 0, 5),
        "granted": (1, 0, 0, 0, 0, 0, 1),
        "other": (1, 1, 0, 0, 1, 0, 3),
        "total": (2, 1, 0, 0, 1, 0, 4),
        "carried_out": (0, 0, 1, 0, 0, 0, 1),
    }
    assert table_three(compiled) == expected
    assert set(compiled.records[Cell("三", "other", "total")]) == {a.number, b.number, e.number}
    assert not compiled.blocking


def test_a_cell_drills_down_to_its_cases_for_the_agencys_staff_only(
    client, year_2025, agency_a, agency_b, city, operator, make_staff
):
    from urllib.parse import quote

    from xxgk.core.models import Role
    from xxgk.reports import services as reports
    from xxgk.reports.tests.test_backoffice import refused

    cases = year_2025[0]
    reports.compile_report(operator, agency_a, 2025)
    client.force_login(make_staff(agency_a, Role.DRAFTER))
    page = client.get("/admin/reports/agency-a/2025/").content.decode()
    url = "/admin/reports/agency-a/2025/cases/?cell=" + quote("三|deny_4|total")
    assert f'<a href="{url.replace("&", "&amp;")}">2</a>' in page  # the figure in table 三 is the link
    listing = client.get(url).content.decode()
    assert "「三、本年度办理结果 / （三）不予公开 / 4.保护第三方合法权益」行「总计」列" in listing
    for case in (cases["C2"], cases["deny_third_party"]):
        assert f'<a href="/admin/foi/{case.pk}/">{case.number}</a>' in listing
    assert cases["deny_internal"].number not in listing
    four = client.get("/admin/reports/agency-a/2025/cases/?cell=" + quote("四|cases|review_total")).content.decode()
    assert four.count('href="/admin/foi/') == 3
    assert client.get("/admin/reports/agency-a/2025/cases/?cell=nonsense").status_code == 404
    form = client.get("/admin/reports/agency-a/2025/statistics/").content.decode()
    assert "表三、表四由本年度的依申请公开案件记录统计" in form and 'name="三|new|natural_person"' not in form
    assert 'name="二|licensing|decisions"' in form
    assert 'name="三|new|natural_person"' in client.get("/admin/reports/agency-a/2023/statistics/").content.decode()
    client.force_login(make_staff(agency_b, Role.AGENCY_ADMIN))
    assert refused(client.get(url))
    client.force_login(make_staff(city, Role.CITY_OFFICE))
    assert client.get("/admin/reports/agency-a/2025/").status_code == 200  # reads the report …
    assert refused(client.get(url))  # … but not the agency's cases through it
