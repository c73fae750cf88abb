"""The texts of the 告知书 letters (rules.md §2.5): the built-in templates and their placeholders.

Pure module. Every letter body is a template (``templating``: one paragraph per line, placeholders in
【】). Each *slot* is one letter text an agency may replace with its own (``LetterTemplate``): one per
letter kind, two 征求意见书 (to a third party / to another agency), and one 答复告知书 per reply
template of ``outcomes.py`` (``Outcome.letter_template``). ``values(facts)`` turns the facts a service
collected from the case into the placeholder values; legal bases and labels come from ``outcomes.py``
and the remedy sentence from ``outcomes.remedy_notice`` with the agency's review body and court — an
agency's template can place them but never retype them.

Statutory elements are guaranteed by ``Slot.required``: a template without, e.g., 【救济途径】 on an
adverse reply or 【法律依据】 is refused (``templating.check``), rather than appended silently — an
appended sentence would land wherever the code guesses, so the administrator places it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xxgk.foi import templating
from xxgk.foi.outcomes import OUTCOMES, outcome, remedy_notice
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


# — placeholders: name → what it stands for (shown on the template page) —

PLACEHOLDERS: dict[str, str] = {
    "申请人": "申请人姓名或名称",
    "申请编号": "申请编号",
    "收到日期": "收到申请之日，如 2025年9月26日",
    "申请内容": "所需信息名称和文号，如 “2025年科技计划项目立项名单”（朝科发〔2025〕3号）",
    "答复期限": "答复期限（已计入补正、延期、征求意见和缴费等待）",
    "补正事项": "需要补正的内容",
    "补正期限": "申请人提交补正的截止日期",
    "延长天数": "延长的工作日数",
    "延期理由": "“因……，”（未填写延期理由时为空）",
    "征求对象": "被征求意见的第三方或机关",
    "征求日期": "发出征求意见书的日期",
    "意见期限": "第三方或机关提出意见的截止日期",
    "征求对象类别": "“第三方”或“有关行政机关”",
    "征求条款": "“第三十二条”（第三方）或“第三十四条”（机关）",
    "计收方式": "按件计收或按量计收",
    "计收数量": "如 本月第11件、共160页",
    "收费金额": "收费金额（元），如 1900.00",
    "缴费期间说明": "“自您收到本通知之日至缴纳费用之日的期间，不计算在答复期限内。”（机关设置为缴费等待不停表时为空）",
    "办理结果": "办理结果，如 属于四类过程性信息",
    "法律依据": "“根据《中华人民共和国政府信息公开条例》第……条的规定，”（该结果无具体条款时为空）",
    "答复说明": "作出答复时填写的答复内容（未填写时为空）",
    "提供形式": "申请人要求的提供形式",
    "获取方式": "申请人要求的获取方式",
    "补正日期": "告知补正的日期",
    "不予公开内容": "部分公开时不予公开的内容",
    "不予公开理由": "部分公开时不予公开的理由",
    "不予公开依据": "部分公开时不予公开的法律依据",
    "救济途径": "行政复议（60日内，向机关设置中的行政复议机关）和行政诉讼（6个月内，向管辖人民法院）的告知",
}

COMMON = ("申请人", "申请编号", "收到日期", "申请内容", "答复期限")
REPLY = ("办理结果", "法律依据", "答复说明", "提供形式", "获取方式", "补正日期")
PARTIAL = ("不予公开内容", "不予公开理由", "不予公开依据")

OPENING = "本机关于【收到日期】收到您提出的政府信息公开申请（申请编号：【申请编号】），申请获取【申请内容】。"
CONSULTATION_OPENING = "本机关于【收到日期】收到一件政府信息公开申请，申请获取【申请内容】。"


@dataclass(frozen=True)
class Slot:
    key: str
    kind: LetterKind
    default: str
    allowed: tuple[str, ...]
    required: tuple[str, ...] = ()
    variant_label: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind.label}（{self.variant_label}）" if self.variant_label else self.kind.label

    def check(self, body: str) -> None:
        templating.check(body, known=PLACEHOLDERS, allowed=self.allowed, required=self.required)


_REPLY_TEXTS = {
    "reply_already_public": "经查，您申请的信息本机关已经主动公开。【法律依据】"
    "现告知您获取该信息的方式和途径：【答复说明】",
    "reply_granted": "经审查，您申请的信息属于公开范围，【法律依据】本机关予以公开，"
    "按您要求的【提供形式】形式、以【获取方式】方式提供。\n【答复说明】",
    "reply_partial": "经审查，您申请的信息中含有不应当公开的内容，但能够作区分处理。"
    "【法律依据】本机关对可以公开的部分予以公开。\n"
    "其中，【不予公开内容】属于“【不予公开理由】”的情形，根据【不予公开依据】的规定，不予公开。\n【答复说明】",
    "reply_deny": "经审查，您申请的信息属于“【办理结果】”的情形，【法律依据】本机关不予公开。\n【答复说明】",
    "reply_query_matter": "经审查，您申请获取的信息属于“【办理结果】”，【法律依据】"
    "本机关告知您按照有关法律、行政法规的规定办理。【答复说明】",
    "reply_not_held": "经检索查找，本机关未制作、获取您申请的信息，【法律依据】告知您该政府信息不存在。\n【答复说明】",
    "reply_unable": "经审查，您的申请属于“【办理结果】”的情形，【法律依据】本机关无法提供。\n【答复说明】",
    "reply_reject_petition": "经审查，您的申请属于“【办理结果】”，【法律依据】本机关不作为政府信息公开申请处理，"
    "请通过信访、投诉、举报等途径依法提出。\n【答复说明】",
    "reply_reject": "经审查，您的申请属于“【办理结果】”的情形，【法律依据】本机关不予处理。\n【答复说明】",
    "reply_no_correction": "本机关已于【补正日期】告知您补正申请，您无正当理由逾期未补正，视为放弃申请，"
    "【法律依据】本机关不再处理您的该政府信息公开申请。",
    "reply_fee_unpaid": "本机关已向您送达收费通知，您逾期未按收费通知的要求缴纳费用，视为放弃申请，"
    "【法律依据】本机关不再处理您的该政府信息公开申请。",
    "reply_other": "经审查，【答复说明】。本机关对该申请不再作其他处理。",
}


def _reply_slot(slug: str) -> Slot:
    rows = [o for o in OUTCOMES if o.letter_template == slug]
    adverse = any(o.adverse for o in rows)
    required = ["法律依据"] if any(o.legal_basis_text for o in rows) else []
    allowed = [*COMMON, *REPLY]
    if slug == "reply_partial":
        allowed += PARTIAL
        required += ["不予公开内容", "不予公开理由", "不予公开依据"]
    if adverse:
        allowed.append("救济途径")
        required.append("救济途径")
    default = f"{OPENING}现答复如下：\n{_REPLY_TEXTS[slug]}" + ("\n【救济途径】" if adverse else "")
    label = "、".join(outcome_label(o.code) for o in rows)
    return Slot(slug, LetterKind.REPLY, default, tuple(allowed), tuple(required), label)


_CONSULTATION_ASK = "请于【意见期限】前（自收到本征求意见书之日起15个工作日内）书面提出意见。"
_CONSULTATION = ("申请编号", "收到日期", "申请内容", "答复期限", "征求对象", "征求日期", "意见期限")  # no 申请人

SLOTS: tuple[Slot, ...] = (
    Slot(
        "receipt",
        LetterKind.RECEIPT,
        f"{OPENING}\n根据{CONDITION}第三十一条、第三十三条的规定，本机关收到申请之日为【收到日期】，将于【答复期限】前作出答复。"
        "依法需要补正、征求意见、延长答复期限或者收取信息处理费的，本机关将另行书面告知。\n特此回执。",
        COMMON,
        ("收到日期", "答复期限"),
    ),
    Slot(
        "correction",
        LetterKind.CORRECTION,
        f"{OPENING}\n经审查，您的申请内容不明确。根据{CONDITION}第三十条的规定，请您对以下内容作出补正：\n【补正事项】\n"
        "请于【补正期限】前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        (*COMMON, "补正事项", "补正期限"),
        ("补正事项", "补正期限"),
    ),
    Slot(
        "extension",
        LetterKind.EXTENSION,
        f"{OPENING}\n【延期理由】本机关不能在规定期限内作出答复。根据{CONDITION}第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长【延长天数】个工作日，本机关将于【答复期限】前作出答复。",
        (*COMMON, "延长天数", "延期理由"),
        ("延长天数", "答复期限"),
    ),
    Slot(
        "consultation_third_party",
        LetterKind.CONSULTATION,
        f"{CONSULTATION_OPENING}该信息可能涉及贵方的商业秘密、个人隐私等合法权益。"
        f"根据{CONDITION}第三十二条的规定，现书面征求贵方意见。\n{_CONSULTATION_ASK}"
        "贵方不同意公开的，应当说明理由；逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
        _CONSULTATION,
        ("意见期限",),
        "致第三方",
    ),
    Slot(
        "consultation_agency",
        LetterKind.CONSULTATION,
        f"{CONSULTATION_OPENING}该信息由本机关与贵机关共同制作（或需经贵机关同意方可公开）。"
        f"根据{CONDITION}第三十四条的规定，现书面征求贵机关意见。\n{_CONSULTATION_ASK}逾期未提出意见的，视为同意公开。",
        _CONSULTATION,
        ("意见期限",),
        "致有关行政机关",
    ),
    Slot(
        "consultation_notice",
        LetterKind.CONSULTATION_NOTICE,
        f"{OPENING}\n因您申请的信息需要征求【征求对象类别】意见，根据{CONDITION}【征求条款】的规定，"
        "本机关已于【征求日期】书面征求【征求对象类别】意见。"
        f"根据{CONDITION}第三十三条第三款的规定，征求意见所需时间不计算在答复期限内。本机关将在收到意见后依法作出答复。",
        (*COMMON, "征求日期", "征求对象类别", "征求条款", "意见期限"),
    ),
    Slot(
        "fee",
        LetterKind.FEE,
        f"{OPENING}\n您的申请数量、频次明显超过合理范围。根据{CONDITION}第四十二条和{FEE_RULE}的规定，"
        "本机关按【计收方式】（【计收数量】）收取信息处理费，金额为人民币【收费金额】元。\n"
        "请您自收到本通知之日起20个工作日内缴纳费用，缴费方式请向本机关政府信息公开工作机构咨询。"
        "本机关在收到费用后提供政府信息；您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n【缴费期间说明】",
        (*COMMON, "计收方式", "计收数量", "收费金额", "缴费期间说明"),
        ("收费金额", "缴费期间说明"),
    ),
    *(_reply_slot(slug) for slug in dict.fromkeys(o.letter_template for o in OUTCOMES)),
)
SLOTS_BY_KEY = {slot.key: slot for slot in SLOTS}


def slot_for(kind: str, facts: dict) -> Slot:
    """The slot whose text a letter of ``kind`` with these facts uses."""
    kind = LetterKind(kind)
    if kind is LetterKind.REPLY:
        return SLOTS_BY_KEY[outcome(facts["outcome"]).letter_template]
    if kind is LetterKind.CONSULTATION:
        return SLOTS_BY_KEY[f"consultation_{'agency' if facts['party_kind'] == 'agency' else 'third_party'}"]
    return SLOTS_BY_KEY[kind.value]


def _request(f: dict) -> str:
    number = f"（{f['document_number']}）" if f.get("document_number") else ""
    return f"“{f['information_name']}”{number}"


def values(facts: dict) -> dict[str, str]:
    """Every placeholder's value for a letter with these facts ("" where the letter has no such fact)."""
    f = facts
    agency_party = f.get("party_kind") == "agency"
    code = f.get("outcome")
    reasons = f.get("reasons", "")
    if code and not reasons:  # the two texts that read wrong without an explanation
        slug = outcome(code).letter_template
        fallback = {"reply_already_public": "见本机关政府信息公开网站。", "reply_other": outcome_label(code)}
        reasons = fallback.get(slug, "")
    basis = _basis(code) if code else ""
    ground = f.get("withheld_ground")
    remedy = code and outcome(code).adverse and f.get("review_body") and f.get("court")
    return {
        "申请人": f.get("applicant", ""),
        "申请编号": f.get("case_number", ""),
        "收到日期": f.get("received_on", ""),
        "申请内容": _request(f) if f.get("information_name") else "",
        "答复期限": f.get("reply_due", ""),
        "补正事项": f.get("items", ""),
        "补正期限": f.get("reply_by", ""),
        "延长天数": str(f.get("days", "")),
        "延期理由": f"因{f['reason'].rstrip('。')}，" if f.get("reason") else "",
        "征求对象": f.get("party", ""),
        "征求日期": f.get("sent_on", ""),
        "意见期限": f.get("consultation_reply_due", ""),
        "征求对象类别": "有关行政机关" if agency_party else "第三方",
        "征求条款": "第三十四条" if agency_party else "第三十二条",
        "计收方式": f.get("fee_method", ""),
        "计收数量": f.get("fee_quantity", ""),
        "收费金额": f.get("fee_amount", ""),
        "缴费期间说明": "自您收到本通知之日至缴纳费用之日的期间，不计算在答复期限内。" if f.get("fee_pauses") else "",
        "办理结果": outcome_label(code) if code else "",
        "法律依据": f"根据{basis}的规定，" if basis else "",
        "答复说明": reasons,
        "提供形式": f.get("form_wanted", ""),
        "获取方式": f.get("delivery_method", ""),
        "补正日期": f.get("correction_on", ""),
        "不予公开内容": f.get("withheld", ""),
        "不予公开理由": outcome_label(ground) if ground else "",
        "不予公开依据": (_basis(ground) or CONDITION + "的有关规定") if ground else "",
        "救济途径": remedy_notice(f["review_body"], f["court"]) if remedy else "",
    }


def paragraphs(kind: str, facts: dict, body: str | None = None) -> list[str]:
    """The body of a letter of ``kind`` from its facts: ``body`` (an agency's template, already
    checked) or the built-in text of the slot."""
    slot = slot_for(kind, facts)
    return templating.render(slot.default if body is None else body, values(facts))


def sample_facts(slot: Slot) -> dict:
    """Made-up facts for previewing a template without a case."""
    facts = {
        "applicant": "张三",
        "case_number": "示例-2025-0001",
        "information_name": "2025年科技计划项目立项名单",
        "document_number": "朝科发〔2025〕3号",
        "received_on": "2025年9月26日",
        "reply_due": "2025年10月30日",
        "items": "请写明所需信息的年度和项目名称。",
        "reply_by": "2025年10月20日",
        "days": 20,
        "reason": "涉及多个年度档案",
        "party": "某科技有限公司" if slot.key != "consultation_agency" else "朝阳市财政局",
        "party_kind": "agency" if slot.key == "consultation_agency" else "third_party",
        "sent_on": "2025年10月10日",
        "consultation_reply_due": "2025年10月31日",
        "fee_method": "按量计收",
        "fee_quantity": "共160页",
        "fee_amount": "1900.00",
        "fee_pauses": True,
        "form_wanted": "纸质",
        "delivery_method": "邮寄",
        "correction_on": "2025年9月29日",
        "review_body": "（机关设置中的行政复议机关）",
        "court": "（机关设置中的管辖人民法院）",
    }
    if slot.kind is LetterKind.REPLY:
        row = next(o for o in OUTCOMES if o.letter_template == slot.key)
        facts |= {"outcome": row.code.value, "reasons": ""}
        if slot.key == "reply_partial":
            facts |= {"withheld": "企业联系人手机号码", "withheld_ground": "deny_third_party"}
    return facts
