"""The catalogue of 政府信息 (rules.md §1). Data and constraints; rules live in services.py.

Dependency direction: catalog → core. Nothing here imports portal or api.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    Task,
    TaskState,
    WorkflowMixin,
)

from xxgk.catalog.timeliness import NoticePeriod
from xxgk.catalog.vocabulary import Disclosure, EntryKind, Validity
from xxgk.core.models import Agency, Role
from xxgk.core.statutory import ARTICLE_20_ITEMS
from xxgk.core.storage import private_storage
from xxgk.screening.documents import DocumentKind


class Topic(models.Model):
    """主题分类: a managed vocabulary shared by every agency."""

    name = models.CharField("名称", max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class StatutoryItem(models.Model):
    """One of 条例第二十条's items （一）…（十五）; the label comes from core.statutory, never stored."""

    number = models.PositiveSmallIntegerField("项", primary_key=True)

    class Meta:
        verbose_name = "第二十条事项"
        verbose_name_plural = "第二十条事项"
        ordering = ["number"]

    def __str__(self) -> str:
        item = ARTICLE_20_ITEMS[self.number - 1]
        return f"{item.ordinal}{item.text}"


class Column(models.Model):
    """An agency's own catalogue column (栏目), besides the statutory 第二十条 items."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="columns")
    name = models.CharField("栏目名称", max_length=50)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["agency", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="column_unique_name")]

    def __str__(self) -> str:
        return f"{self.agency.short_name} · {self.name}"


# What anyone may see: live, proactively disclosed, and not withdrawn (also the list indexes' condition).
PUBLIC = Q(live=True, disclosure=Disclosure.PROACTIVE, withdrawn_at__isnull=True)


class EntryQuerySet(models.QuerySet):
    def public(self) -> EntryQuerySet:
        """What anyone may see: live, proactively disclosed, and not withdrawn."""
        return self.filter(PUBLIC)

    def newest_first(self) -> EntryQuerySet:
        return self.order_by("-published_on", "-id")


class Entry(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """One piece of 政府信息 with its statutory metadata (rules.md §1.4)."""

    agency = models.ForeignKey(Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="entries")
    title = models.CharField("名称", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = RichTextField("正文", blank=True)
    kind = models.CharField("信息类别", max_length=30, choices=EntryKind.choices, default=EntryKind.NOTICE)
    topic = models.ForeignKey(Topic, verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT)
    columns = ParentalManyToManyField(Column, verbose_name="所属栏目", blank=True, related_name="entries")
    # The annual report's table 二 counts from these.
    statutory_items = ParentalManyToManyField(
        StatutoryItem, verbose_name="第二十条事项", blank=True, related_name="entries"
    )
    document_number = models.CharField("发文字号", max_length=100, blank=True)
    formed_on = models.DateField(
        "形成日期", null=True, blank=True, help_text="信息形成或变更之日，用于二十个工作日发布时限。"
    )
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    # 条例第二十六条: fixed at first publication from 形成日期 (catalog.timeliness).
    publication_due = models.DateField("发布时限", null=True, blank=True, editable=False)
    published_late = models.BooleanField("逾期发布", default=False, editable=False)
    notice_from = models.DateField("公示开始日期", null=True, blank=True)
    notice_until = models.DateField(
        "公示截止日期", null=True, blank=True, help_text="科技项目立项、验收等公示：公示期内受理异议。"
    )
    index_number = models.CharField("索引号", max_length=80, null=True, blank=True, unique=True, editable=False)
    disclosure = models.CharField("公开属性", max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE)
    withheld_ground = models.CharField("不予公开依据", max_length=200, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.VALID)
    replaced_by = models.ForeignKey(
        "self", verbose_name="替代文件", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text="仅政策解读填写：与原文件双向链接、一同发布。",
    )
    withdrawn_at = models.DateTimeField("撤稿时间", null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField("撤稿原因", blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "-published_on", "-id"], name="entry_agency_newest"),
            # Public lists (catalog/listing.py): one index per equality filter, each ending in the
            # keyset so that a page is an index range scan; 发布年份 is a range on published_on.
            *(
                models.Index(fields=[*prefix, "-published_on", "-id"], name=name, condition=PUBLIC)
                for name, prefix in [
                    ("entry_public_newest", []),
                    ("entry_public_kind", ["kind"]),
                    ("entry_public_topic", ["topic"]),
                    ("entry_public_validity", ["validity"]),
                    ("entry_public_agency_kind", ["agency", "kind"]),
                    ("entry_public_agency_topic", ["agency", "topic"]),
                    ("entry_public_agency_validity", ["agency", "validity"]),
                ]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(disclosure=Disclosure.WITHHELD) | ~Q(withheld_ground=""),
                name="entry_withheld_needs_ground",
                violation_error_code="withheld_ground",
                violation_error_message="不予公开的信息必须写明依据（条例第十四、十五、十六条）。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def notice_period(self) -> NoticePeriod | None:
        if self.notice_from and self.notice_until:
            return NoticePeriod(self.notice_from, self.notice_until)
        return None

    def save(self, *args, **kwargs) -> None:
        # Every route to publication (our service, the review workflow's final approval, Wagtail's
        # scheduled publishing) ends in this save: the 索引号 and 发布日期 are fixed the first time
        # the entry goes live, and kept for ever after (a republished older revision may lack them).
        if self.live:
            from xxgk.catalog.numbering import fix_publication_identity

            fix_publication_identity(self)
        super().save(*args, **kwargs)


class RoleApprovalTask(Task):
    """A review step done by whoever holds ``role`` in the entry's own agency.

    Wagtail's GroupApprovalTask asks for membership of a global group and would let 科室审核 of one agency
    approve another agency's entries. Every decision goes through ``review.act`` (permission, opinion,
    screening gate, audit), including the admin's buttons, which call ``on_action``.
    """

    role = models.CharField("岗位", max_length=30, choices=[(r.value, r.label) for r in Role])

    admin_form_fields = [*Task.admin_form_fields, "role"]

    class Meta:
        verbose_name = "岗位审核步骤"
        verbose_name_plural = "岗位审核步骤"

    def _may_act(self, obj, user) -> bool:
        from xxgk.catalog.permissions import can_review_step

        return isinstance(obj, Entry) and can_review_step(user, obj.agency, self.role)

    def user_can_access_editor(self, obj, user) -> bool:
        return self._may_act(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        return not (user.is_superuser or self._may_act(obj, user))

    def user_can_lock(self, obj, user) -> bool:
        return self._may_act(obj, user)

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if not self._may_act(obj, user):
            return []
        return [("reject", "退回修改", True), ("approve", "审核通过", True)]

    def get_form_for_action(self, action: str):
        from xxgk.catalog.forms import OpinionForm, RejectionForm

        return RejectionForm if action == "reject" else OpinionForm

    def on_action(self, task_state, user, action_name, **kwargs):
        from xxgk.catalog import review

        review.act(user, review.entry_of(task_state), action_name, kwargs.get("comment", ""), task_state=task_state)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from xxgk.catalog.permissions import agencies_reviewable_by

        entries = Entry.objects.filter(agency__in=agencies_reviewable_by(user, self.role))
        ids = entries.annotate(key=Cast("pk", models.CharField())).values("key")
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=ids)

    @classmethod
    def get_description(cls) -> str:
        return "由发布机构中担任该岗位的人员审核（填写审核意见，通过或退回）"
def _attachment_path(attachment: EntryAttachment, _filename: str) -> str:
    # A random name: the uploaded one may carry personal data, and is kept in original_filename only.
    return f"entries/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{DocumentKind(attachment.kind).extensions[0]}"


class EntryAttachment(Orderable):
    """A file published with an entry (rules.md §1.5: screened like the body).

    A ParentalKey child, so it lives in the entry's revisions: an attachment added to a live entry's draft
    exists only in that revision until it is published. Files are never deleted by an edit — an older
    revision or the live version may still use them. Everything but the title and the file is computed by
    ``xxgk.catalog.attachments.prepare`` when the file arrives (type by content, metadata stripped, text).
    """

    entry = ParentalKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    # Stable across revisions (a pk exists only once a revision is saved to the row): screening keys on it.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to=_attachment_path, storage=private_storage, max_length=200)
    original_filename = models.CharField("上传时的文件名", max_length=255, editable=False)
    kind = models.CharField(
        "文件类型", max_length=10, choices=[(k.value, k.label) for k in DocumentKind], editable=False
    )
    size = models.PositiveBigIntegerField("大小（字节）", default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    text = models.TextField("提取的文字", blank=True, editable=False)
    metadata_stripped = models.BooleanField("已去除隐藏信息", default=False, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.title

    @property
    def document_kind(self) -> DocumentKind:
        return DocumentKind(self.kind)

    @property
    def key(self) -> str:
        """How screening and findings name this attachment as a text source."""
        return f"attachment:{self.uid}"

    @property
    def download_name(self) -> str:
        """The public file name: the title staff gave it (the uploaded name may contain personal data)."""
        safe = "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in self.title).strip() or "附件"
        return f"{safe}.{self.document_kind.extensions[0]}"
