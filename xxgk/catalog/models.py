"""The catalogue of 政府信息 (rules.md §1). Data and constraints; rules live in services.py.

Dependency direction: catalog → core. Nothing here imports portal or api.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from xxgk.catalog.vocabulary import Disclosure, EntryKind, Validity
from xxgk.core.models import Agency
from xxgk.core.statutory import ARTICLE_20_ITEMS


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

    def save(self, *args, **kwargs) -> None:
        # Every route to publication (our service, the review workflow's final approval, Wagtail's
        # scheduled publishing) ends in this save: the 索引号 and 发布日期 are fixed the first time
        # the entry goes live, and kept for ever after (a republished older revision may lack them).
        if self.live:
            from xxgk.catalog.numbering import fix_publication_identity

            fix_publication_identity(self)
        super().save(*args, **kwargs)
