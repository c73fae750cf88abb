"""Closed vocabularies of 依申请公开 (rules.md §2). Statutory labels are imported, never retyped:
applicant types are the columns of report table 三 and remedies the groups of table 四
(``xxgk.reports.formats``, a pure module), so a case counts in exactly the column it is labelled with.
"""

from __future__ import annotations

from django.db import models

from xxgk.reports.formats import APPLICATION_COLUMNS, REMEDIES, REMEDY_GROUPS

_APPLICANT_LABELS = {c.key: c.label for c in APPLICATION_COLUMNS}
_REMEDY_LABELS = {key: parents[-1] for key, parents in REMEDY_GROUPS}
_RESULT_LABELS = {
    c.key.removeprefix("review_"): c.label
    for c in REMEDIES.groups[0].columns
    if c.key.startswith("review_") and c.computed is None
}


class ApplicantType(models.TextChoices):
    """申请人类型 (rules.md §2.1; the report's table 三 columns)."""

    NATURAL_PERSON = "natural_person", _APPLICANT_LABELS["natural_person"]
    COMMERCIAL = "commercial", _APPLICANT_LABELS["commercial"]
    RESEARCH = "research", _APPLICANT_LABELS["research"]
    PUBLIC_INTEREST = "public_interest", _APPLICANT_LABELS["public_interest"]
    LEGAL_SERVICE = "legal_service", _APPLICANT_LABELS["legal_service"]
    OTHER_ORG = "other_org", _APPLICANT_LABELS["other_org"]


class IdentityDocument(models.TextChoices):
    """身份证明 (条例第二十九条（一）). Only the first two carry a check character we validate."""

    RESIDENT_ID = "resident_id", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    """申请渠道 (rules.md §2.2); each has its own 收到申请之日 rule in ``services.registration``."""

    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"  # needs a signature: the day the agency signs for it
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


# 条例第三十一条: these channels start the clock only on the day both sides confirm.
CONFIRMATION_CHANNELS = frozenset({Channel.ORDINARY_LETTER, Channel.ONLINE, Channel.FAX})


class InformationForm(models.TextChoices):
    """所需信息的提供形式 (条例第二十九条（三）)."""

    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    ELECTRONIC = "electronic", "电子数据（光盘、U盘等）"
    INSPECT = "inspect", "查阅、抄录"


class DeliveryMethod(models.TextChoices):
    """获取信息的方式 (条例第二十九条（三）)."""

    PICKUP = "pickup", "自行领取"
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    ONLINE = "online", "网上获取"


class ConsultedParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（条例第三十二条）"
    AGENCY = "agency", "其他行政机关（条例第三十四条）"


class RemedyKind(models.TextChoices):
    """救济 (rules.md §2.6; the groups of report table 四)."""

    REVIEW = "review", _REMEDY_LABELS["review"]
    SUIT_DIRECT = "suit_direct", _REMEDY_LABELS["suit_direct"]
    SUIT_AFTER_REVIEW = "suit_after_review", _REMEDY_LABELS["suit_after_review"]


class RemedyResult(models.TextChoices):
    UPHELD = "upheld", _RESULT_LABELS["upheld"]
    CORRECTED = "corrected", _RESULT_LABELS["corrected"]
    OTHER = "other", _RESULT_LABELS["other"]
    PENDING = "pending", _RESULT_LABELS["pending"]


class CaseEventType(models.TextChoices):
    """The closed set of case events (style.md §5). Only ``xxgk.foi.services`` writes them.

    The values shared with ``clock.EventType`` are the clock's input, under the same names.
    """

    RECEIVED = "received", "登记申请"
    CONFIRMATION_ATTEMPTED = "confirmation_attempted", "联系申请人确认"
    CONFIRMED = "confirmed", "确认收到申请"
    ASSIGNED = "assigned", "指定承办人"
    SPLIT = "split", "拆分申请（一事一申请）"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENSION_APPROVED = "extension_approved", "批准延期"
    EXTENSION_REFUSED = "extension_refused", "不同意延期"
    CONSULTATION_SENT = "consultation_sent", "发出征求意见书"
    CONSULTATION_ANSWERED = "consultation_answered", "收到征求意见答复"
    CONSULTATION_LAPSED = "consultation_lapsed", "征求意见逾期未答复"
    FEE_NOTICE_SENT = "fee_notice_sent", "发出收费通知"
    FEE_NOTICE_DELIVERED = "fee_notice_delivered", "收费通知送达"
    FEE_PAID = "fee_paid", "缴纳费用"
    LATER_DATE_ANNOUNCED = "later_date_announced", "告知延迟答复期限（第三十五条）"
    DECIDED = "decided", "作出答复"
    LETTER_DELIVERED = "letter_delivered", "告知书送达"
    CLOSED = "closed", "办结"
    REOPENED = "reopened", "重新办理"
    TRANSFERRED = "transferred", "移交其他机关"


class CaseState(models.TextChoices):
    """Where a case stands — always derived from its events (``states.derive_state``)."""

    WAITING_CONFIRMATION = "waiting_confirmation", "待确认收到"
    OPEN = "open", "办理中"
    WAITING_CORRECTION = "waiting_correction", "待补正"
    IN_CONSULTATION = "in_consultation", "征求意见中"
    WAITING_FEE = "waiting_fee", "待缴费"
    DECIDED = "decided", "已答复"
    CLOSED = "closed", "已办结"


# States in which the reply period is running (the work lists' "due soon" and "overdue").
CLOCK_STATES = frozenset({CaseState.OPEN, CaseState.IN_CONSULTATION, CaseState.WAITING_FEE})
ACTIVE_STATES = frozenset(CaseState) - {CaseState.DECIDED, CaseState.CLOSED}


class LetterKind(models.TextChoices):
    """告知书 kinds (rules.md §2.5): every step that tells someone something has its numbered letter."""

    RECEIPT = "receipt", "登记回执"
    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求意见书"  # to the third party / other agency, not the applicant
    CONSULTATION_NOTICE = "consultation_notice", "征求意见告知书"
    FEE = "fee", "收费通知书"
    REPLY = "reply", "答复告知书"


# The events a letter belongs to: the case page offers a letter for each such event not yet answered by one.
LETTER_EVENTS: dict[str, tuple[str, ...]] = {
    LetterKind.RECEIPT: (CaseEventType.RECEIVED, CaseEventType.CONFIRMED),
    LetterKind.CORRECTION: (CaseEventType.CORRECTION_REQUESTED,),
    LetterKind.EXTENSION: (CaseEventType.EXTENSION_APPROVED,),
    LetterKind.CONSULTATION: (CaseEventType.CONSULTATION_SENT,),
    LetterKind.CONSULTATION_NOTICE: (CaseEventType.CONSULTATION_SENT,),
    LetterKind.FEE: (CaseEventType.FEE_NOTICE_SENT,),
    LetterKind.REPLY: (CaseEventType.DECIDED,),
}
# Letters addressed to the applicant (the ones the applicant may download); 征求意见书 goes to the party.
APPLICANT_LETTERS = frozenset(LetterKind) - {LetterKind.CONSULTATION}


class LetterDeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    OTHER = "other", "其他"
