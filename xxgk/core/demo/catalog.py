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
