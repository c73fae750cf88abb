"""Closed vocabularies of the catalogue (rules.md §1.2, §1.4). Labels are statutory or in common use."""

from django.db import models

from xxgk.core.statutory import SUBCOLUMNS_BY_SLUG


class Validity(models.TextChoices):
    # 有效性 (rules.md §1.4; 政府网站发展指引)
    VALID = "valid", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class Disclosure(models.TextChoices):
    # 公开属性 (rules.md §1.2)
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class EntryKind(models.TextChoices):
    """The kinds of information the seed reports publish (issue 4)."""

    REGULATION = "regulation", "规章"  # 立法法: issued only by governments of 设区的市 and above
    NORMATIVE = "normative", "规范性文件"
    POLICY = "policy", "其他政策文件"
    INTERPRETATION = "interpretation", "政策解读"
    PLAN = "plan", "规划计划"
    BUDGET = "budget", "财政预决算"
    PERSONNEL = "personnel", "人事信息"
    PROJECT = "project", "科技项目"
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    PROCUREMENT = "procurement", "招标采购"
    NEWS = "news", "工作动态"
    NOTICE = "notice", "通知公告"
    ORGANISATION = "organisation", "机构职能"
    LEADERSHIP = "leadership", "领导信息"
    SERVICE_GUIDE = "service_guide", "办事指南"
    # The three kinds that fill a statutory sub-column take its label from core.statutory.
    ANNUAL_REPORT = "annual_report", SUBCOLUMNS_BY_SLUG["annual-reports"].label
    DISCLOSURE_GUIDE = "disclosure_guide", SUBCOLUMNS_BY_SLUG["guide"].label
    DISCLOSURE_RULES = "disclosure_rules", SUBCOLUMNS_BY_SLUG["rules"].label
