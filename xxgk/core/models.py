"""Core data: agencies (the tenant unit), staff roles, the working-day calendar, the audit trail
and serial counters. Everything else in xxgk depends on this app; it depends on nothing of ours.

Models hold data and constraints only; the rules live in ``services.py`` and the pure modules.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from xxgk.core.workdays import DayKind

DEFAULT_INDEX_PATTERN = "{code}/{year}-{serial:05d}"


class AgencyKind(models.TextChoices):
    CITY_OFFICE = "city_office", "政务公开办"
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府工作部门"
    TOWNSHIP = "township", "乡镇（街道）"
    OTHER = "other", "其他"


class Agency(models.Model):
    """A 行政机关 that discloses information. Every domain row belongs to one."""

    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30)
    code = models.SlugField(
        "机构代码",
        max_length=40,
        unique=True,
        allow_unicode=False,
        help_text="用于索引号和网址，例如组织机构代码 00000000-0；只能包含字母、数字、连字符和下划线。",
    )
    kind = models.CharField("机关类型", max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    # 条例第十二条: the 公开指南 names the disclosure office and how to reach it; letters reuse it.
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_postcode = models.CharField("邮政编码", max_length=10, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    guide_text = models.TextField(
        "公开指南补充内容",
        blank=True,
        help_text="显示在本机关政府信息公开指南页面的说明（如信息分类与编排、获取方式的补充）；空一行另起一段。",
    )

    # Per-agency settings where rules.md says "setting".
    index_number_pattern = models.CharField(
        "索引号格式",
        max_length=80,
        default=DEFAULT_INDEX_PATTERN,
        help_text="可用占位符 {code} 机构代码、{year} 年份、{serial:05d} 流水号（不足位数补零）。",
    )
    count_from_next_day = models.BooleanField("期限自次日起算", default=True)
    fee_wait_pauses_clock = models.BooleanField("等待缴费期间暂停计时", default=True)
    mailbox_reply_days = models.PositiveSmallIntegerField("信箱答复时限（工作日）", default=10)
    accepts_online = models.BooleanField("受理网络申请", default=True)
    accepts_fax = models.BooleanField("受理传真申请", default=True)
    review_body = models.CharField("行政复议机关", max_length=100, blank=True, help_text="写入答复告知书的救济途径。")
    court = models.CharField("管辖人民法院", max_length=100, blank=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from xxgk.core.serials import pattern_error

        if error := pattern_error(self.index_number_pattern):
            raise ValidationError({"index_number_pattern": error})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关。"})
            ancestor = ancestor.parent


class Role(models.TextChoices):
    DRAFTER = "drafter", "信息员"
    SECTION_REVIEWER = "section_reviewer", "科室审核"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查"
    LEADER = "leader", "领导签发"
    FOI_HANDLER = "foi_handler", "依申请办理"
    AGENCY_ADMIN = "agency_admin", "本机关公开管理员"
    CITY_OFFICE = "city_office", "市级公开办"


class Membership(models.Model):
    """One role a user holds in one agency. A user may hold several roles in several agencies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    created_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = "岗位授权"
        verbose_name_plural = "岗位授权"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role")]
        ordering = ["agency__sort_order", "user__username", "role"]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.short_name} · {self.get_role_display()}"


class CalendarSource(models.TextChoices):
    PACKAGE = "package", "chinesecalendar 数据包"
    MANUAL = "manual", "工作人员录入"


class CalendarYear(ClusterableModel):
    """One year's 节假日安排 as announced by the State Council notice."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice_title = models.CharField("通知名称", max_length=200)
    notice_number = models.CharField("发文字号", max_length=100, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    source = models.CharField("来源", max_length=20, choices=CalendarSource.choices, default=CalendarSource.MANUAL)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    """A date that differs from the Monday–Friday rule: a holiday, or a 调休 working weekend day."""

    calendar_year = ParentalKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=[(DayKind.HOLIDAY, "放假"), (DayKind.WORKDAY, "调休上班")])
    name = models.CharField("节日", max_length=60, blank=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"

    def clean(self) -> None:
        year = getattr(getattr(self, "calendar_year", None), "year", None)
        if year and self.date and self.date.year != year:
            raise ValidationError({"date": f"日期必须在 {year} 年内。"})
        if self.kind == DayKind.WORKDAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"date": "调休上班日应为周六或周日；工作日本来就上班。"})


class AuditQuerySet(models.QuerySet):
    """The audit trail is append-only: no bulk update or delete through the ORM."""

    def update(self, **kwargs):
        raise PermissionError("审计记录不可修改。")

    def delete(self):
        raise PermissionError("审计记录不可删除。")


class AuditEvent(models.Model):
    """One staff action. Written only by ``xxgk.core.audit.record``; never changed or deleted.

    Actor and agency are kept without database constraints so that the row outlives them
    (a deactivated account or a merged agency must not rewrite history); labels are copied.
    """

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField("操作人", max_length=150, blank=True)
    agency = models.ForeignKey(Agency, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    action = models.CharField("操作", max_length=60, db_index=True)
    object_type = models.CharField("对象类型", max_length=60, blank=True)
    object_id = models.CharField("对象编号", max_length=60, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "-created_at"], name="audit_agency_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("审计记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计记录不可删除。")


class SerialCounter(models.Model):
    """The last number handed out per agency, kind (索引号, 申请编号 …) and year."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="serial_unique_scope")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.year}: {self.last_value}"
