"""Stored screening findings: what the detectors found in an object about to be published, and how each
was resolved. Never shown on public pages, in search or in the API (only the back office reads this table).

Dependency direction: screening → core. The screened object is reached through a generic relation, so
screening knows nothing of the catalogue.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from xxgk.core.models import Agency
from xxgk.screening.detectors import FindingKind

KIND_LABELS = {
    FindingKind.RESIDENT_ID: "身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.BANK_CARD: "银行卡号",
    FindingKind.EMAIL: "电子邮箱",
    FindingKind.ADDRESS: "详细住址",
    FindingKind.BIRTH_DATE: "出生日期",
    FindingKind.SECRECY_MARK: "密级或内部标志",
}


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    MASKED = "masked", "已遮盖"
    EDITED = "edited", "已修改消除"  # the text is gone after an edit: closed automatically at the next scan
    JUSTIFIED = "justified", "已说明理由保留"


class FindingQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> FindingQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def open(self) -> FindingQuerySet:
        return self.filter(status=FindingStatus.OPEN)


class ScreeningFinding(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    screened_object = GenericForeignKey("content_type", "object_id")
    source_key = models.CharField("来源", max_length=64, help_text="title、summary、body 或 attachment:<id>")
    source_label = models.CharField("来源名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    text = models.TextField("发现的文字")
    message = models.CharField("说明", max_length=300)
    status = models.CharField("状态", max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    justification = models.TextField("保留理由", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    created_at = models.DateTimeField("发现时间", auto_now_add=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "筛查结果"
        verbose_name_plural = "筛查结果"
        ordering = ["content_type", "object_id", "source_key", "start", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "status"], name="finding_object_status")]

    def __str__(self) -> str:
        return f"{self.source_label} · {self.get_kind_display()} · {self.get_status_display()}"
