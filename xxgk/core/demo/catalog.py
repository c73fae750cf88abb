"""Demo catalogue entries (fictional but typical of what a 科技局 publishes), built through the services."""

from __future__ import annotations

import io
from datetime import date

from xxgk.catalog.vocabulary import EntryKind, Validity

# key, agency code, fields; "interprets" / "replaced_by" name another key. Published in this order.
ENTRIES: list[tuple[str, str, dict]] = [
    (
        "rules-2026",
        "chaoyang-kjj",
        dict(
            title="朝阳市科技计划项目管理办法",
            kind=EntryKind.NORMATIVE,
            document_number="朝科发〔2026〕5号",
            written_on=date(2026, 3, 2),
            topic="科技、教育",
            items=[1],
            summary="规范市级科技计划项目的申报、评审、立项、实施、验收和监督管理。",
            body="<p>第一条 为规范市级科技计划项目管理，提高财政科技资金使用效益，"
            "根据有关法律法规，结合本市实际，制定本办法。</p>"
            "<p>第二条 本办法所称科技计划项目，是指由市财政科技资金支持、市科学技术局组织实施的各类科技项目。</p>"
            "<p>第三条 项目管理遵循公开、公平、公正的原则，申报指南、评审结果和立项名单"
            "依法向社会公示，公示期不少于5个工作日。</p>"
            "<p>第四条 本办法自2026年4月1日起施行，有效期5年。</p>",
        ),
    ),
    (
        "reading-2026",
        "chaoyang-kjj",
        dict(
            title="《朝阳市科技计划项目管理办法》政策解读",
            kind=EntryKind.INTERPRETATION,
            interprets="rules-2026",
            topic="科技、教育",
            items=[1],
            body="<p>一、制定背景：原暂行办法已施行八年，项目评审、验收和信用管理需要与新的财政资金管理要求相衔接。</p>"
            "<p>二、主要内容：明确申报条件和评审程序，实行立项公示和验收公示，建立科研诚信记录。</p>",
        ),
    ),
    (
        "rules-2018",
        "chaoyang-kjj",
        dict(
            title="朝阳市科技计划项目管理暂行办法",
            kind=EntryKind.NORMATIVE,
            document_number="朝科发〔2018〕12号",
            written_on=date(2018, 5, 10),
            topic="科技、教育",
            items=[1],
            validity=Validity.REPEALED,
            replaced_by="rules-2026",
            body="<p>（本办法已由《朝阳市科技计划项目管理办法》废止。）</p>",
        ),
    ),
    (
        "duties",
        "chaoyang-kjj",
        dict(
            title="朝阳市科学技术局主要职责和内设机构",
            kind=EntryKind.ORGANISATION,
            topic="综合政务",
            items=[2],
            body="<p>贯彻落实国家和省科技创新方针政策，拟订全市科技发展规划和政策并组织实施；"
            "统筹推进全市创新体系建设和科技体制改革；组织实施市级科技计划项目。</p>"
            "<p>内设机构：办公室、政策法规科、高新技术科、农村科技科、成果转化科。</p>"
            "<p>办公地址：朝阳市双塔区新华路四段27号；联系电话：0421-2812345。</p>",
            # The screening flags the street address; a reviewer keeps it: it is the office, not a person's home.
            justify=("kjj_section", "本机关办公地址，依法主动公开，不属于个人信息。"),
        ),
    ),
    (
        "budget-2026",
        "chaoyang-kjj",
        dict(
            title="朝阳市科学技术局2026年部门预算",
            kind=EntryKind.BUDGET,
            topic="财政、金融、审计",
            items=[7],
            body="<p>2026年部门预算收入合计1,286.5万元，其中一般公共预算拨款1,286.5万元；“三公”经费预算8.2万元。</p>",
        ),
    ),
    (
        "call-2027",
        "chaoyang-kjj",
        dict(
            title="关于组织申报2027年度朝阳市科技计划项目的通知",
            kind=EntryKind.PROJECT,
            topic="科技、教育",
            items=[15],
            body="<p>各县（市）区科技主管部门，各有关单位：现将2027年度市科技计划项目申报工作有关事项通知如下。</p>"
            "<p>申报截止时间为2027年1月15日。咨询电话：0421-2812345。</p>",
            attachments=[("2027年度朝阳市科技计划项目申报指南", "申报指南.docx", "call_guide_docx")],
        ),
    ),
    (
        "czj-budget",
        "chaoyang-czj",
        dict(
            title="朝阳市2026年市本级预算公开说明",
            kind=EntryKind.BUDGET,
            topic="财政、金融、审计",
            items=[7],
            body="<p>根据《中华人民共和国预算法》，现将2026年市本级一般公共预算公开如下。</p>",
        ),
    ),
]


# The 科技局's own columns (栏目) beside the 第二十条 items: name, sort order, and the kinds filed in it.
COLUMNS = {
    "chaoyang-kjj": [
        ("科技项目公示", 10, {EntryKind.PROJECT}),
        ("通知公告", 20, {EntryKind.NOTICE}),
        ("工作动态", 30, {EntryKind.NEWS}),
    ],
}


def _kjj(key: str, title: str, kind: EntryKind, published_on: date, body: str, **fields) -> tuple[str, str, dict]:
    """A 科技局 entry of the last full year, published on ``published_on`` (its 索引号 follows that year)."""
    topic = fields.pop("topic", "科技、教育")
    items = fields.pop("items", [15])
    return (
        key,
        "chaoyang-kjj",
        dict(title=title, kind=kind, published_on=published_on, topic=topic, items=items, body=body, **fields),
    )


def last_year_entries(y: int) -> list[tuple[str, str, dict]]:
    """The 科技局's year ``y`` (the demo's last full year, like its cases in ``demo.foi``): what its annual
    report for that year counts — table 二 and the 主动公开 figures of section 一. Two 规范性文件 with their
    政策解读, one repealing a 2019 document; 科技项目 公示 with objection periods; 预决算 (the 决算 published
    late: formed 10 July, so section 五 names a real shortcoming); 通知公告; 工作动态. Published in date order,
    so their 索引号 follow the dates (the 2019 document, which names its replacement, after the replacement)."""
    entries = [
        _kjj(
            f"incubators-{y}",
            "朝阳市科技企业孵化器认定和管理办法",
            EntryKind.NORMATIVE,
            date(y, 3, 25),
            "<p>第一条 为促进全市科技企业孵化器高质量发展，培育科技型中小企业，根据《科技企业孵化器管理办法》"
            "等有关规定，结合本市实际，制定本办法。</p>"
            "<p>第二条 本办法所称科技企业孵化器，是以促进科技成果转化、培育科技企业为宗旨的创业服务机构。</p>"
            "<p>第三条 市科学技术局每年组织一次市级孵化器认定，认定结果向社会公示，公示期5个工作日。</p>"
            f"<p>第四条 本办法自{y}年4月25日起施行，有效期5年。"
            "《朝阳市科技企业孵化器管理暂行办法》（朝科发〔2019〕8号）同时废止。</p>",
            document_number=f"朝科发〔{y}〕3号",
            written_on=date(y, 3, 18),
            formed_on=date(y, 3, 18),
            items=[1],
            summary="规定市级科技企业孵化器的认定条件、程序、服务要求和绩效评价。",
        ),
        _kjj(
            f"incubators-{y}-reading",
            "《朝阳市科技企业孵化器认定和管理办法》政策解读",
            EntryKind.INTERPRETATION,
            date(y, 3, 25),
            "<p>一、制定背景：原暂行办法施行已满五年，孵化器建设从数量增长转向质量提升，认定和评价标准需要更新。</p>"
            "<p>二、主要变化：提高场地面积和在孵企业数量要求，增设专业孵化器类别，实行年度绩效评价和动态退出。</p>"
            "<p>三、适用对象：在本市注册、运营满一年的科技企业孵化器运营机构。</p>",
            interprets=f"incubators-{y}",
            items=[1],
        ),
        _kjj(
            "incubators-2019",
            "朝阳市科技企业孵化器管理暂行办法",
            EntryKind.NORMATIVE,
            date(2019, 6, 20),
            "<p>（本办法已由《朝阳市科技企业孵化器认定和管理办法》废止。）</p>",
            document_number="朝科发〔2019〕8号",
            written_on=date(2019, 6, 12),
            items=[1],
            validity=Validity.REPEALED,
            replaced_by=f"incubators-{y}",
        ),
        _kjj(
            f"rd-subsidy-{y}",
            "朝阳市科技型中小企业研发费用后补助实施细则",
            EntryKind.NORMATIVE,
            date(y, 7, 15),
            "<p>第一条 为引导企业加大研发投入，根据市政府关于支持科技创新的若干政策措施，制定本细则。</p>"
            "<p>第二条 已入库的科技型中小企业，上年度研发费用加计扣除额超过100万元的，"
            "按增量部分的10%给予后补助，单个企业最高50万元。</p>"
            "<p>第三条 补助名单经市科学技术局审核后向社会公示，公示期5个工作日。</p>",
            document_number=f"朝科发〔{y}〕9号",
            written_on=date(y, 7, 8),
            formed_on=date(y, 7, 8),
            items=[1],
            summary="明确科技型中小企业研发费用后补助的对象、标准、申报和公示程序。",
        ),
        _kjj(
            f"rd-subsidy-{y}-reading",
            "一图读懂《朝阳市科技型中小企业研发费用后补助实施细则》",
            EntryKind.INTERPRETATION,
            date(y, 7, 15),
            "<p>谁能申请：已入库的科技型中小企业。补多少：研发费用增量部分的10%，单个企业最高50万元。"
            "怎么申请：每年5月通过科技计划项目管理系统在线申报。</p>",
            interprets=f"rd-subsidy-{y}",
            items=[1],
        ),
        _kjj(
            f"workplan-{y}",
            f"朝阳市科学技术局{y}年政务公开工作要点",
            EntryKind.PLAN,
            date(y, 4, 8),
            "<p>一、围绕科技创新政策做好公开解读；二、推进科技项目申报、评审、立项、验收全过程公开；"
            "三、规范政府信息公开申请办理；四、加强信息发布审核和保密审查。</p>",
            topic="综合政务",
            items=[3],
        ),
        _kjj(
            f"budget-{y}",
            f"朝阳市科学技术局{y}年部门预算",
            EntryKind.BUDGET,
            date(y, 2, 14),
            f"<p>{y}年部门预算收入合计1,214.3万元，其中一般公共预算拨款1,214.3万元；“三公”经费预算8.6万元。</p>",
            topic="财政、金融、审计",
            items=[7],
            formed_on=date(y, 2, 7),
        ),
        _kjj(
            f"accounts-{y - 1}",
            f"朝阳市科学技术局{y - 1}年部门决算",
            EntryKind.BUDGET,
            date(y, 8, 28),
            f"<p>{y - 1}年度收入合计1,198.7万元，支出合计1,176.2万元，其中科学技术支出1,032.5万元。</p>",
            topic="财政、金融、审计",
            items=[7],
            formed_on=date(y, 7, 10),
        ),
        _kjj(
            f"three-costs-{y - 1}",
            f"朝阳市科学技术局{y - 1}年度“三公”经费决算说明",
            EntryKind.BUDGET,
            date(y, 8, 28),
            f"<p>{y - 1}年度“三公”经费支出7.9万元，比预算减少0.5万元，"
            "其中公务接待费1.2万元、公务用车运行维护费6.7万元，无因公出国（境）费用。</p>",
            topic="财政、金融、审计",
            items=[7],
        ),
        _kjj(
            f"call-{y}",
            f"关于组织申报{y}年度朝阳市科技计划项目的通知",
            EntryKind.PROJECT,
            date(y, 2, 20),
            f"<p>各县（市）区科技主管部门，各有关单位：现将{y}年度市科技计划项目申报工作有关事项通知如下。"
            f"申报截止时间为{y}年3月31日。咨询电话：0421-2812345。</p>",
        ),
        _kjj(
            f"approved-{y}",
            f"{y}年度朝阳市科技计划项目拟立项名单公示",
            EntryKind.PROJECT,
            date(y, 5, 16),
            "<p>经专家评审和局党组会议研究，拟对“设施农业智能水肥一体化技术集成与示范”等42个项目予以立项支持，"
            "现予公示。公示期间如有异议，请以书面形式向市科学技术局成果转化科反映。</p>",
            notice_from=date(y, 5, 16),
            notice_until=date(y, 5, 22),
        ),
        _kjj(
            f"sme-{y}",
            f"{y}年朝阳市第一批入库科技型中小企业名单公示",
            EntryKind.PROJECT,
            date(y, 6, 10),
            "<p>经企业自评、市科学技术局审核，朝阳北方智能装备有限公司等86家企业符合科技型中小企业评价条件，现予公示。</p>",
            notice_from=date(y, 6, 10),
            notice_until=date(y, 6, 16),
        ),
        _kjj(
            f"acceptance-{y}",
            f"{y - 1}年度市级科技计划项目验收结果公示",
            EntryKind.PROJECT,
            date(y, 9, 5),
            f"<p>根据《朝阳市科技计划项目管理暂行办法》，市科学技术局组织专家对{y - 1}年度到期的31个项目进行了验收，"
            "其中通过验收29项、结题2项，现予公示。</p>",
            notice_from=date(y, 9, 5),
            notice_until=date(y, 9, 11),
        ),
        _kjj(
            f"incubators-list-{y}",
            f"关于{y}年朝阳市科技企业孵化器认定结果的公示",
            EntryKind.PROJECT,
            date(y, 11, 12),
            "<p>依据《朝阳市科技企业孵化器认定和管理办法》，经申报、形式审查和专家评审，拟认定朝阳双塔科技创业园"
            f"等3家机构为{y}年市级科技企业孵化器，现予公示。</p>",
            notice_from=date(y, 11, 12),
            notice_until=date(y, 11, 18),
        ),
        _kjj(
            f"sme-notice-{y}",
            f"关于开展{y}年度科技型中小企业评价工作的通知",
            EntryKind.NOTICE,
            date(y, 3, 10),
            f"<p>各县（市）区科技主管部门：为做好{y}年度科技型中小企业评价工作，请组织辖区企业登录全国科技型中小企业"
            "信息服务平台自主评价，并于每季度末前完成审核。</p>",
        ),
        _kjj(
            f"contest-{y}",
            "关于举办第十届朝阳市创新创业大赛的通知",
            EntryKind.NOTICE,
            date(y, 6, 20),
            f"<p>大赛设初创企业组和成长企业组，报名时间为{y}年6月20日至7月31日，获奖项目优先推荐参加省赛。</p>",
        ),
        _kjj(
            f"contracts-{y}",
            f"关于做好{y}年度技术合同认定登记工作的通知",
            EntryKind.NOTICE,
            date(y, 10, 9),
            f"<p>各技术合同登记点：请严格按照技术合同认定规则开展登记，于{y}年12月20日前报送全年登记情况。</p>",
        ),
        _kjj(
            f"meeting-{y}",
            "全市科技工作会议召开",
            EntryKind.NEWS,
            date(y, 2, 26),
            f"<p>2月25日，全市科技工作会议召开，总结{y - 1}年科技工作，部署{y}年重点任务。</p>",
            topic="综合政务",
        ),
        _kjj(
            f"week-{y}",
            f"市科技局举办{y}年科技活动周系列活动",
            EntryKind.NEWS,
            date(y, 5, 26),
            "<p>活动周期间，市科技局联合有关部门开展科普展览、专家进社区和高校实验室开放日等活动32场。</p>",
        ),
        _kjj(
            f"rural-{y}",
            "市科技局组织科技特派员开展助力乡村振兴对接活动",
            EntryKind.NEWS,
            date(y, 8, 14),
            "<p>全市126名科技特派员深入县（市）区乡镇，围绕设施农业、小杂粮和肉牛养殖开展技术服务。</p>",
        ),
        _kjj(
            f"incubators-news-{y}",
            "我市新增3家市级科技企业孵化器",
            EntryKind.NEWS,
            date(y, 12, 3),
            f"<p>经认定公示，朝阳双塔科技创业园等3家机构被认定为{y}年市级科技企业孵化器，全市孵化器总数达到14家。</p>",
        ),
    ]
    return sorted(entries, key=lambda entry: (entry[2]["published_on"].year != y, entry[2]["published_on"]))


# One entry waiting at 科室审核 with an open screening finding (a mobile number), so that the demo's
# kjj_section sees the gate: (title, fields, steps already approved as (username, opinion)).
IN_REVIEW = (
    "关于征集2027年度市级科技计划项目指南建议的通知",
    dict(
        kind=EntryKind.PROJECT,
        topic="科技、教育",
        items=[15],
        summary="面向全市科研单位和企业征集2027年度项目指南建议。",
        body="<p>各有关单位：为做好2027年度市级科技计划项目指南编制工作，现公开征集指南建议。</p>"
        "<p>请于2026年12月20日前将建议表报送市科学技术局高新技术科。联系人：王磊，手机13904211234。</p>",
    ),
    [],
)


def call_guide_docx() -> bytes:
    """The 申报指南 attached to the 2027 call: a short DOCX with a table, made here (nothing is downloaded)."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_heading("2027年度朝阳市科技计划项目申报指南", level=1)
    document.add_paragraph("一、支持方向：新材料、现代农业、数字经济和生物医药领域的关键技术攻关与成果转化。")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["专项", "支持额度", "申报限额"], strict=True):
        cell.text = text
    for row in (["重点研发专项", "不超过50万元", "每单位1项"], ["成果转化专项", "不超过30万元", "每单位2项"]):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_paragraph("二、申报方式：通过朝阳市科技计划项目管理系统在线填报，纸质材料一式两份报送市科学技术局。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ATTACHMENT_BUILDERS = {"call_guide_docx": call_guide_docx}
