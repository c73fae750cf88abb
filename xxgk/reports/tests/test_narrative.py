"""The narrative draft of sections 一、五、六 and the report's opening paragraph (pure functions, no database)."""

from decimal import Decimal

from xxgk.reports import narrative
from xxgk.reports.checks import check_narrative, find_figures
from xxgk.reports.export import ReportDocument, contact_sentence
from xxgk.reports.formats import FORMAT_2019, FORMAT_2021, Cell, complete

# The demo 科技局's 2025, worked out by hand: 6 applications (3 people, 2 firms, 1 law firm), 5 answered,
# 1 carried over; one 行政复议 upheld; 2 规范性文件 issued, 1 repealed, 3 in force.
GIVEN_2021 = {
    Cell("二", "normative", "issued"): 2,
    Cell("二", "normative", "repealed"): 1,
    Cell("二", "normative", "in_force"): 3,
    Cell("三", "new", "natural_person"): 3,
    Cell("三", "new", "commercial"): 2,
    Cell("三", "new", "legal_service"): 1,
    Cell("三", "granted", "natural_person"): 1,
    Cell("三", "granted", "commercial"): 1,
    Cell("三", "deny_4", "legal_service"): 1,
    Cell("三", "unable_1", "natural_person"): 1,
    Cell("三", "reject_1", "natural_person"): 1,
    Cell("三", "carried_out", "commercial"): 1,
    Cell("四", "cases", "review_upheld"): 1,
}
PUBLISHED = {"科技项目": 5, "工作动态": 4, "规范性文件": 2, "政策解读": 2}


def _draft(given=GIVEN_2021, fmt=FORMAT_2021, **overrides):
    arguments = dict(
        agency_name="朝阳市科学技术局",
        year=2025,
        fmt=fmt,
        cells=complete(fmt, given),
        published=PUBLISHED,
        can_issue_rules=False,
        fees_charged=Decimal("150.00"),
        published_late=1,
        interpreted=2,
        uninterpreted=0,
    )
    return narrative.draft(**{**arguments, **overrides})


def test_the_draft_states_the_years_figures_like_a_written_report():
    text = _draft()
    overview = text.overview.splitlines()
    assert overview[0].startswith(
        "2025年，朝阳市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）"
    )
    parts = [line.split("。")[0] for line in overview[1:]]
    assert parts == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    assert "主动公开政府信息13条，其中科技项目5条、工作动态4条、规范性文件2条、政策解读2条。" in overview[1]
    assert "制发行政规范性文件2件，废止行政规范性文件1件，截至年底现行有效行政规范性文件3件。" in overview[1]
    assert "本年度公开的规范性文件均同步发布政策解读" in overview[1]
    assert (
        "2025年，本局收到政府信息公开申请6件，其中自然人申请3件、法人或其他组织申请3件（商业企业2件、法律服务机构1件）。"
        "本年度办结5件，其中予以公开2件、不予公开1件（保护第三方合法权益1件）、无法提供1件（本机关不掌握相关政府信息1件）、"
        "不予处理1件（信访举报投诉类申请1件）；结转下年度继续办理1件。"
    ) in overview[2]
    assert "被申请行政复议1件（结果维持1件），未发生因政府信息公开引起的行政诉讼。" in overview[2]
    assert "本机关" not in overview[0] + overview[3] + overview[4]  # a 局 calls itself 本局
    assert text.other_matters == (
        "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费150元。\n无其他需要报告的事项。"
    )


def test_an_untouched_draft_agrees_with_its_tables():
    cells = complete(FORMAT_2021, GIVEN_2021)
    text = _draft().text()
    figures = {(f.key, f.value) for f in find_figures(text)}
    assert figures == {
        ("proactive_items", 13),
        ("policy_interpretations", 2),
        ("normative", 2),
        ("applications_received", 6),
        ("administrative_reviews", 1),
        ("lawsuits", 0),
        ("fees_charged", Decimal("150")),
    }
    assert check_narrative(FORMAT_2021, cells, text) == []


def test_shortcomings_come_from_the_records_with_their_figures():
    problems = _draft(published_late=2, uninterpreted=1).problems.splitlines()
    assert problems[0] == (
        "2025年，本局政府信息公开工作取得一定成效，但对照《条例》要求和公众需求仍存在一些不足："
        "一是有2条政府信息未在形成之日起20个工作日内公开，发布时效有待提高；"
        "二是有1件规范性文件未同步发布政策解读；三是政策解读以文字为主，图解、问答等形式运用不多。"
    )
    assert problems[1].startswith("2026年，本局将重点做好以下工作：一是建立信息发布时限提醒")
    assert "四是严格落实信息发布审核和保密审查制度" in problems[1]
    assert "均同步发布政策解读" not in _draft(uninterpreted=1).overview
    clean = _draft(published_late=0, uninterpreted=0).problems
    assert "仍存在一些不足：政策解读以文字为主" in clean and "20个工作日" not in clean


def test_a_quiet_year_has_no_empty_lists():
    text = _draft(given={}, published={}, fees_charged=None, published_late=0, interpreted=0)
    assert "本年度未通过政府信息公开平台主动公开政府信息。" in text.overview
    assert "2025年，本局未收到政府信息公开申请。本年度未发生因政府信息公开引起的行政复议、行政诉讼。" in text.overview
    assert "其中。" not in text.overview and "（）" not in text.text() and "均同步" not in text.overview
    assert text.other_matters.startswith("本年度未收取政府信息公开信息处理费。")
    figures = {(f.key, f.value) for f in find_figures(text.text())}
    assert {("applications_received", 0), ("administrative_reviews", 0), ("lawsuits", 0)} <= figures


def test_applicants_and_lawsuits_in_words():
    given = {
        Cell("三", "new", "research"): 2,
        Cell("三", "carried_in", "natural_person"): 1,
        Cell("三", "other_1", "research"): 1,
        Cell("三", "other_2", "research"): 1,
        Cell("三", "partial", "natural_person"): 1,
        Cell("四", "cases", "suit_direct_pending"): 1,
        Cell("四", "cases", "suit_after_review_corrected"): 1,
    }
    overview = _draft(given=given).overview
    assert "收到政府信息公开申请2件，均为法人或其他组织申请（科研机构2件）；上年结转1件。" in overview
    assert (
        "其中部分公开1件、其他处理2件（申请人无正当理由逾期不补正1件、申请人逾期未按收费通知要求缴纳费用1件）。"
    ) in overview
    assert "未发生因政府信息公开引起的行政复议，被提起行政诉讼2件（尚未审结1件、结果纠正1件）。" in overview
    assert check_narrative(FORMAT_2021, complete(FORMAT_2021, given), overview) == []


def test_the_2019_format_counts_published_documents_and_one_other_row():
    given = {Cell("二", "normative", "published"): 4, Cell("三", "new", "natural_person"): 1}
    given[Cell("三", "other", "natural_person")] = 1
    overview = _draft(given=given, fmt=FORMAT_2019).overview
    assert "本年度公开规范性文件4件。" in overview and "其中其他处理1件。" in overview


def test_how_an_agency_names_itself_and_amounts_in_yuan():
    assert narrative.self_reference("朝阳市科学技术局") == "本局"
    assert narrative.self_reference("朝阳市发展和改革委员会") == "本委"
    assert narrative.self_reference("朝阳市人民政府") == "本机关"
    assert (narrative.amount_text(Decimal("150.00")), narrative.amount_text(Decimal("12.5"))) == ("150", "12.50")


def test_the_opening_paragraph_names_the_format_the_period_and_whom_to_ask():
    contact = contact_sentence("朝阳市科学技术局办公室", "0421-2812345", "0421-2812346")
    assert contact == "如对本报告有疑问，请与朝阳市科学技术局办公室联系（电话：0421-2812345；传真：0421-2812346）。"
    assert contact_sentence("", "0421-2812345") == ""
    document = ReportDocument("朝阳市科学技术局", 2025, FORMAT_2021, {}, "", "", "", contact=contact)
    assert document.preamble == (
        "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
        "（国办公开办函〔2021〕30号）要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。" + contact
    )
