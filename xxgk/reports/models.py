"""Annual reports. So far: reports published before the platform (imported as text, stored as data).

Reports compiled by the platform (2019 and 2021 formats) come with the reports issue; older years
used the 统计表 of 国办发〔2014〕32号, which varied by province, so they are kept as imported data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xxgk.core.models import Agency


class ImportedReport(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="imported_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    title = models.CharField("标题", max_length=200)
    published_on = models.DateField("发布日期", null=True, blank=True)
    text = models.TextField("正文")
    source_name = models.CharField("来源", max_length=200, blank=True, help_text="原文件名或网址")
    figures = models.JSONField("表格数据", default=dict, blank=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "已发布年报（导入）"
        verbose_name_plural = "已发布年报（导入）"
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="imported_report_one_per_year")]

    def __str__(self) -> str:
        return self.title

    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]
