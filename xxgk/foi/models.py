"""依申请公开 data: applicants, cases, their typed events, confirmation attempts, decisions, fees, remedies.

Dependencies point down: foi → core (agencies, users, serials), foi → reports.formats (statutory labels).
Models hold data and constraints; the rules are in ``services.py`` and the pure modules
(``clock.py``, ``states.py``, ``outcomes.py``, ``fees.py``). ``CaseEvent`` is append-only and written
only by the services: a case's state, due date and report counts derive from it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from xxgk.core.models import Agency
from xxgk.core.storage import private_storage
from xxgk.foi.fees import FeeMethod
from xxgk.foi.fields import EncryptedTextField
from xxgk.foi.letter_texts import SLOTS_BY_KEY
from xxgk.foi.outcomes import OUTCOMES
from xxgk.foi.vocabulary import (
    ACTIVE_STATES,
    CLOCK_STATES,
    ApplicantType,
    CaseEventType,
    CaseState,
    Channel,
    DeliveryMethod,
    IdentityDocument,
    InformationForm,
    LetterDeliveryMethod,
    LetterKind,
    RemedyKind,
    RemedyResult,
)

OUTCOME_CHOICES = [(o.code.value, o.display_label) for o in OUTCOMES]
FEE_METHOD_CHOICES = [(m.value, m.label) for m in FeeMethod]


class Applicant(models.Model):
    """The applicant as written on one application (条例第二十九条（一）). Never public.

    One row per registration (split cases share it); the same person across applications is matched
    by ``id_hash``, never by the clear number, which is stored encrypted like every contact field.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    name = models.CharField("姓名或名称", max_length=200)
    id_kind = models.CharField("证件类型", max_length=20, choices=IdentityDocument.choices)
    id_number = EncryptedTextField("证件号码")
    id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = EncryptedTextField("联系电话", blank=True)
    email = EncryptedTextField("电子邮箱", blank=True)
    address = EncryptedTextField("通信地址", blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"

    def __str__(self) -> str:
        return self.name


class CaseQuerySet(models.QuerySet):
    """The work lists' questions, named once (style.md §7)."""

    def active(self):
        return self.filter(state__in=ACTIVE_STATES)

    def clock_running(self):
        return self.filter(state__in=CLOCK_STATES, reply_due__isnull=False)

    def overdue(self, today: date):
        return self.clock_running().filter(reply_due__lt=today)

    def due_between(self, today: date, last_day: date):
        """Not yet overdue, due on or before ``last_day`` (the caller counts the working days)."""
        return self.clock_running().filter(reply_due__gte=today, reply_due__lte=last_day)

    def waiting_for_applicant(self):
        return self.filter(
            state__in=[CaseState.WAITING_CONFIRMATION, CaseState.WAITING_CORRECTION, CaseState.WAITING_FEE]
        )

    def waiting_for_third_party(self):
        return self.filter(state=CaseState.IN_CONSULTATION)


class Case(models.Model):
    """One application (after 一事一申请 splitting, one 件)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="foi_cases")
    number = models.CharField("申请编号", max_length=80, unique=True)
    applicant = models.ForeignKey(Applicant, verbose_name="申请人", on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    arrived_on = models.DateField("到达日期")
    received_on = models.DateField("收到申请之日", null=True, blank=True, help_text="待确认的申请为空，期限尚未起算。")
    information_name = models.CharField("所需信息名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    description = models.TextField("所需信息的内容描述", blank=True)
    form_wanted = models.CharField("提供形式", max_length=20, choices=InformationForm.choices)
    delivery_method = models.CharField("获取方式", max_length=20, choices=DeliveryMethod.choices)
    parent = models.ForeignKey(
        "self", verbose_name="拆分自", null=True, blank=True, on_delete=models.PROTECT, related_name="splits"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="foi_cases",
    )
    # Caches of what the events say, refreshed by the service that appends an event (for the work lists).
    state = models.CharField("状态", max_length=30, choices=CaseState.choices, db_index=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    # 条例第四十四条: the catalogue entry this request led to (or asked for again), kept for the record.
    proposed_entry = models.ForeignKey(
        "catalog.Entry",
        verbose_name="转为主动公开的信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requested_in",
    )
    reply_due_provisional = models.BooleanField("期限为暂定", default=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    # 网络申请的查询码 (``foi.public``): only its keyed hash is kept; the applicant saw the code once.
    query_code_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "依申请公开案件"
        verbose_name_plural = "依申请公开案件"
        ordering = ["-arrived_on", "-id"]
        indexes = [models.Index(fields=["agency", "state", "reply_due"], name="foi_case_worklist")]

    def __str__(self) -> str:
        return f"{self.number} {self.information_name}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("案件事件只能追加，不可修改。")

    def delete(self):
        raise PermissionError("案件事件只能追加，不可删除。")


class CaseEvent(models.Model):
    """One dated fact about a case. Append-only; written only by ``xxgk.foi.services``."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    type = models.CharField("事件", max_length=40, choices=CaseEventType.choices)
    date = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField("说明", blank=True)
    payload = models.JSONField("数据", default=dict, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "案件事件"
        verbose_name_plural = "案件事件"
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_type_display()}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("案件事件只能追加，不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("案件事件只能追加，不可删除。")


class ConfirmationAttempt(models.Model):
    """A try to confirm receipt with the applicant (条例第三十一条: 平常信函, 网络, 传真)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="confirmation_attempts")
    attempted_at = models.DateTimeField("联系时间")
    method = models.CharField("联系方式", max_length=50)
    reached = models.BooleanField("已联系上并确认", default=False)
    note = models.TextField("情况说明", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "确认记录"
        verbose_name_plural = "确认记录"
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.attempted_at:%Y-%m-%d %H:%M} {self.method}"


class Decision(models.Model):
    """The answer (条例第三十六条—第三十九条). A reopened case keeps its earlier decisions; the latest counts."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES)
    legal_basis = models.CharField("法律依据", max_length=300)
    decided_on = models.DateField("答复日期")
    withheld = models.TextField("不予公开的内容", blank=True, help_text="部分公开时填写。")
    withheld_ground = models.CharField("不予公开的理由", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    reasons = models.TextField("答复内容", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "答复决定"
        verbose_name_plural = "答复决定"
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_outcome_display()}"


class FeeNotice(models.Model):
    """信息处理费 of one application: ONE method (国办函〔2020〕109号 第三条), one notice."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="fee_notice")
    method = models.CharField("计收方式", max_length=20, choices=FEE_METHOD_CHOICES)
    quantity = models.PositiveIntegerField("件数或页数")
    month_items_before = models.PositiveIntegerField("本月此前件数", default=0)
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    sent_on = models.DateField("发出日期")
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    receipt_number = models.CharField("财政票据号", max_length=60, blank=True)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"

    def __str__(self) -> str:
        return f"{self.case.number} {self.amount}元"


class Remedy(models.Model):
    """行政复议 / 行政诉讼 against a case (条例第五十一条; report table 四)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField("类型", max_length=30, choices=RemedyKind.choices)
    body = models.CharField("复议机关或人民法院", max_length=100, blank=True)
    filed_on = models.DateField("申请或起诉日期")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=RemedyResult.choices, default=RemedyResult.PENDING)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()}"


def _letter_path(letter: Letter, filename: str) -> str:
    return f"foi-letters/{letter.case.agency.code}/{letter.year}/{filename}"


class FrozenLetterQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("告知书生成后不可修改。")

    def delete(self):
        raise PermissionError("告知书生成后不可删除。")


class Letter(models.Model):
    """A numbered 告知书 (rules.md §2.5), frozen once issued: its text, context and files never change.

    A correction is a new letter with a new number; the old one stays on record. Written only by
    ``xxgk.foi.services.letters``; the files live in private storage and are served by checked views.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("种类", max_length=30, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("流水号")
    number = models.CharField("文书编号", max_length=80)
    issued_on = models.DateField("落款日期")
    event = models.ForeignKey(CaseEvent, verbose_name="所属事件", on_delete=models.PROTECT, related_name="letters")
    addressee = models.CharField("收件人", max_length=200)
    content = models.JSONField("文书内容", help_text="生成时冻结的标题、正文段落和取值。")
    docx = models.FileField("Word 文件", upload_to=_letter_path, storage=private_storage, max_length=200)
    pdf = models.FileField("PDF 文件", upload_to=_letter_path, storage=private_storage, max_length=200)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField("生成时间", auto_now_add=True)

    objects = FrozenLetterQuerySet.as_manager()

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="foi_letter_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("告知书生成后不可修改；如需更正，请重新生成一份（新编号）。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("告知书生成后不可删除。")


class LetterDelivery(models.Model):
    """How and when a letter reached its addressee; its ``letter_delivered`` case event carries the same."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="deliveries")
    method = models.CharField("送达方式", max_length=20, choices=LetterDeliveryMethod.choices)
    sent_on = models.DateField("交邮或发送日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    tracking_number = models.CharField("邮件单号", max_length=60, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    event = models.OneToOneField(CaseEvent, on_delete=models.PROTECT, related_name="letter_delivery")

    class Meta:
        verbose_name = "告知书送达"
        verbose_name_plural = "告知书送达"
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.letter.number} {self.get_method_display()} {self.sent_on}"


class LetterTemplate(models.Model):
    """An agency's own text for one letter slot (``letter_texts.SLOTS``); without one the built-in text
    applies. Written only by ``services.letter_templates`` (checked, audited). Issued letters keep the
    text they were rendered with: they never read this row again."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="foi_letter_templates")
    slot = models.CharField("告知书", max_length=40, help_text="letter_texts.SLOTS 的键，如 receipt、reply_deny。")
    body = models.TextField("正文模板", help_text="每行一段；占位符写在【】中。")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"
        ordering = ["agency", "slot"]
        constraints = [models.UniqueConstraint(fields=["agency", "slot"], name="foi_letter_template_unique")]

    def __str__(self) -> str:
        slot = SLOTS_BY_KEY.get(self.slot)
        return f"{self.agency.short_name} {slot.label if slot else self.slot}"
