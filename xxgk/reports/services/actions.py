"""The audit actions of the reports app (one closed set, registered with core.audit)."""

from __future__ import annotations

from django.db import models

from xxgk.core import audit


@audit.register_actions
class ReportAction(models.TextChoices):
    IMPORTED = "reports.imported", "导入已发布年报"
    STATISTICS_SAVED = "reports.statistics_saved", "填报年度统计数据"
    COMPILED = "reports.compiled", "编制年度报告"
    NARRATIVE_SAVED = "reports.narrative_saved", "修改年度报告正文"
    WARNING_ACKNOWLEDGED = "reports.warning_acknowledged", "确认年度报告校验提示"
    PUBLISHED = "reports.published", "发布年度报告"
