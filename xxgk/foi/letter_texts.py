"""The default texts of the 告知书 letters (rules.md §2.5), as plain Python templates.

Pure module: ``paragraphs(kind, facts)`` turns the facts a service collected from the case (names, dates
already written as 2026年11月24日, the decision) into the letter's body paragraphs. Legal bases and
labels come from ``outcomes.py`` (never retyped here) and the remedy sentence from
``outcomes.remedy_notice`` with the agency's review body and court.
"""

from __future__ import annotations

from datetime import date

from xxgk.foi.outcomes import outcome, remedy_notice
from xxgk.foi.vocabulary import LetterKind

CONDITION = "《中华人民共和国政府信息公开条例》"
FEE_RULE = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"


def chinese_date(day: date) -> str:
    """The date as a formal letter writes it: 2026年11月24日."""
    return f"{day.year}年{day.month}月{day.day}日"


def outcome_label(code: str) -> str:
    """The outcome's meaning without the report row (display_label ends in 〔三（…）〕)."""
    return outcome(code).display_label.split("〔")[0]


def _basis(code: str) -> str:
    return outcome(code).legal_basis_text


def _request(f: dict) -> str:
    number = f"（{f['document_number']}）" if f.get("document_number") else ""
    return f"“{f['information_name']}”{number}"


def _opening(f: dict) -> str:
    return (
        f"本机关于{f['received_on']}收到您提出的政府信息公开申请（申请编号：{f['case_number']}），"
        f"申请获取{_request(f)}。"
    )


def _reply_text(f: dict) -> list[str]:
    """The answer paragraph(s) for the decision's outcome, by the outcome's ``letter_template``."""
    code = f["outcome"]
    row = outcome(code)
    basis, label, reasons = _basis(code), outcome_label(code), f.get("reasons", "")
    by = f"根据{basis}的规定，" if basis else ""
    slug = row.letter_template
    if slug == "reply_already_public":
        where = reasons or "见本机关政府信息公开网站。"
        text = f"经查，您申请的信息本机关已经主动公开。{by}现告知您获取该信息的方式和途径：{where}"
        return [text]
    if slug == "reply_granted":
        text = (
            f"经审查，您申请的信息属于公开范围，{by}本机关予以公开，"
            f"按您要求的{f['form_wanted']}形式、以{f['delivery_method']}方式提供。"
        )
        return [text, reasons] if reasons else [text]
    if slug == "reply_partial":
        ground = f["withheld_ground"]
        withheld = (
            f"其中，{f['withheld']}属于“{outcome_label(ground)}”的情形，"
            f"根据{_basis(ground) or CONDITION + '的有关规定'}的规定，不予公开。"
        )
        text = f"经审查，您申请的信息中含有不应当公开的内容，但能够作区分处理。{by}本机关对可以公开的部分予以公开。"
        return [text, withheld] + ([reasons] if reasons else [])
    if slug == "reply_deny":
        return [f"经审查，您申请的信息属于“{label}”的情形，{by}本机关不予公开。"] + ([reasons] if reasons else [])
    if slug == "reply_query_matter":
        text = f"经审查，您申请获取的信息属于“{label}”，{by}本机关告知您按照有关法律、行政法规的规定办理。{reasons}"
        return [text]
    if slug == "reply_not_held":
        text = f"经检索查找，本机关未制作、获取您申请的信息，{by}告知您该政府信息不存在。"
        return [text] + ([reasons] if reasons else [])
    if slug == "reply_unable":
        return [f"经审查，您的申请属于“{label}”的情形，{by}本机关无法提供。"] + ([reasons] if reasons else [])
    if slug == "reply_reject_petition":
        text = (
            f"经审查，您的申请属于“{label}”，{by}本机关不作为政府信息公开申请处理，"
            "请通过信访、投诉、举报等途径依法提出。"
        )
        return [text] + ([reasons] if reasons else [])
    if slug == "reply_reject":
        return [f"经审查，您的申请属于“{label}”的情形，{by}本机关不予处理。"] + ([reasons] if reasons else [])
    if slug == "reply_no_correction":
        text = (
            f"本机关已于{f.get('correction_on', '')}告知您补正申请，您无正当理由逾期未补正，视为放弃申请，"
            f"{by}本机关不再处理您的该政府信息公开申请。"
        )
        return [text]
    if slug == "reply_fee_unpaid":
        text = (
            f"本机关已向您送达收费通知，您逾期未按收费通知的要求缴纳费用，视为放弃申请，"
            f"{by}本机关不再处理您的该政府信息公开申请。"
        )
        return [text]
    if slug == "reply_other":
        return [f"经审查，{reasons or label}。本机关对该申请不再作其他处理。"]
    raise ValueError(f"办理结果“{code}”没有答复告知书模板“{slug}”")


def _reply(f: dict) -> list[str]:
    body = [_opening(f) + "现答复如下：", *_reply_text(f)]
    if outcome(f["outcome"]).adverse:
        body.append(remedy_notice(f["review_body"], f["court"]))
    return body


def _receipt(f: dict) -> list[str]:
    return [
        _opening(f),
        f"根据{CONDITION}第三十一条、第三十三条的规定，本机关收到申请之日为{f['received_on']}，"
        f"将于{f['reply_due']}前作出答复。依法需要补正、征求意见、延长答复期限或者收取信息处理费的，本机关将另行书面告知。",
        "特此回执。",
    ]


def _correction(f: dict) -> list[str]:
    return [
        _opening(f),
        f"经审查，您的申请内容不明确。根据{CONDITION}第三十条的规定，请您对以下内容作出补正：",
        f["items"],
        f"请于{f['reply_by']}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ]


def _extension(f: dict) -> list[str]:
    reason = f"因{f['reason'].rstrip('。')}，" if f.get("reason") else ""
    return [
        _opening(f),
        f"{reason}本机关不能在规定期限内作出答复。根据{CONDITION}第三十三条第二款的规定，"
        f"经本机关政府信息公开工作机构负责人同意，答复期限延长{f['days']}个工作日，"
        f"本机关将于{f['reply_due']}前作出答复。",
    ]


def _consultation(f: dict) -> list[str]:
    if f["party_kind"] == "agency":
        return [
            f"本机关于{f['received_on']}收到一件政府信息公开申请，申请获取{_request(f)}。"
            f"该信息由本机关与贵机关共同制作（或需经贵机关同意方可公开）。根据{CONDITION}第三十四条的规定，现书面征求贵机关意见。",
            f"请于{f['consultation_reply_due']}前（自收到本征求意见书之日起15个工作日内）书面提出意见。"
            "逾期未提出意见的，视为同意公开。",
        ]
    return [
        f"本机关于{f['received_on']}收到一件政府信息公开申请，申请获取{_request(f)}。"
        f"该信息可能涉及贵方的商业秘密、个人隐私等合法权益。根据{CONDITION}第三十二条的规定，现书面征求贵方意见。",
        f"请于{f['consultation_reply_due']}前（自收到本征求意见书之日起15个工作日内）书面提出意见。"
        "贵方不同意公开的，应当说明理由；逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
    ]


def _consultation_notice(f: dict) -> list[str]:
    article = "第三十四条" if f["party_kind"] == "agency" else "第三十二条"
    whom = "有关行政机关" if f["party_kind"] == "agency" else "第三方"
    return [
        _opening(f),
        f"因您申请的信息需要征求{whom}意见，根据{CONDITION}{article}的规定，本机关已于{f['sent_on']}书面征求{whom}意见。"
        f"根据{CONDITION}第三十三条第三款的规定，征求意见所需时间不计算在答复期限内。本机关将在收到意见后依法作出答复。",
    ]


def _fee(f: dict) -> list[str]:
    return [
        _opening(f),
        f"您的申请数量、频次明显超过合理范围。根据{CONDITION}第四十二条和{FEE_RULE}的规定，"
        f"本机关按{f['fee_method']}（{f['fee_quantity']}）收取信息处理费，金额为人民币{f['fee_amount']}元。",
        "请您自收到本通知之日起20个工作日内缴纳费用，缴费方式请向本机关政府信息公开工作机构咨询。"
        "本机关在收到费用后提供政府信息；您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        "自您收到本通知之日至缴纳费用之日的期间，不计算在答复期限内。" if f.get("fee_pauses") else "",
    ]


_BUILDERS = {
    LetterKind.RECEIPT: _receipt,
    LetterKind.CORRECTION: _correction,
    LetterKind.EXTENSION: _extension,
    LetterKind.CONSULTATION: _consultation,
    LetterKind.CONSULTATION_NOTICE: _consultation_notice,
    LetterKind.FEE: _fee,
    LetterKind.REPLY: _reply,
}


def paragraphs(kind: str, facts: dict) -> list[str]:
    """The body of a letter of ``kind`` from its facts (strings, dates already written out)."""
    return [p for p in _BUILDERS[LetterKind(kind)](facts) if p]
