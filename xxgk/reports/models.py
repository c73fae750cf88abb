"""Annual reports: those the platform compiles (2019 and 2021 formats), the yearly figures staff
enter where the platform holds no records, and reports published before the platform (imported as
text, stored as data — older years used the 统计表 of 国办发〔2014〕32号, which varied by province).
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


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"  # no report row yet; never stored, shown in listings
    DRAFT = "draft", "草稿"
    CHECKED = "checked", "已校验"  # compiled without blocking errors, every warning acknowledged
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    """The platform-compiled 年度报告 of one agency for one year (条例第四十九条、第五十条).

    ``figures`` and ``checks`` are the last compile's output (``reports.compile``); publishing copies
    them with the narrative into ``snapshot``, which later changes to the records never touch.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    format_key = models.CharField("报告格式", max_length=20)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    figures = models.JSONField("表格数据", default=dict, blank=True)
    checks = models.JSONField("校验结果", default=list, blank=True)
    acknowledged = models.JSONField("已确认的提示", default=list, blank=True)
    compiled_at = models.DateTimeField("编制时间", null=True, blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="编制人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField("发布快照", null=True, blank=True, help_text="发布时冻结的表格和正文。")
    entry = models.OneToOneField(
        "catalog.Entry",
        verbose_name="年报栏目中的信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_report",
    )

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"


class YearStatistics(models.Model):
    """Figures of one agency and year that the platform holds no records for, entered by staff.

    ``cells`` maps ``"表|行|列"`` keys of the year's format (``reports.formats``) to numbers: the
    行政许可/行政处罚/行政强制 decision counts, the 行政事业性收费 amount in 万元, the 2019 format's
    项目数量 and 政府集中采购 figures, and table 三/四 figures while no case records exist. Amounts
    are stored as strings so no decimal is lost in JSON. Who entered what is in the audit trail.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="year_statistics")
    year = models.PositiveSmallIntegerField("年度")
    cells = models.JSONField("填报数据", default=dict, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "年度统计数据"
        verbose_name_plural = "年度统计数据"
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="year_statistics_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency.short_name} {self.year}年度统计数据"
