"""Statutory labels shared by several apps, copied exactly from rules.md — the one source of truth.

Views, templates and reports take these labels from here; they are never retyped.
"""

from __future__ import annotations

from dataclasses import dataclass

# 国办公开办函〔2019〕61号: one column per agency, with four sub-columns (rules.md §1.3).
DISCLOSURE_COLUMN = "政府信息公开"


@dataclass(frozen=True)
class SubColumn:
    slug: str
    label: str
    summary: str


DISCLOSURE_SUBCOLUMNS: tuple[SubColumn, ...] = (
    SubColumn("guide", "政府信息公开指南", "信息分类与编排、获取方式、公开工作机构的名称、地址、办公时间和联系方式。"),
    SubColumn("rules", "政府信息公开制度", "本机关政府信息公开工作的规章制度。"),
    SubColumn("statutory", "法定主动公开内容", "按条例第二十条列举的事项分类主动公开的政府信息。"),
    SubColumn("annual-reports", "政府信息公开年报", "本机关历年政府信息公开工作年度报告。"),
)
SUBCOLUMNS_BY_SLUG = {c.slug: c for c in DISCLOSURE_SUBCOLUMNS}


@dataclass(frozen=True)
class Article20Item:
    number: int
    ordinal: str  # （一） … （十五）
    text: str


# 条例第二十条 （一）…（十五）, verbatim from rules.md §1.1.
ARTICLE_20_ITEMS: tuple[Article20Item, ...] = tuple(
    Article20Item(i, ordinal, text)
    for i, (ordinal, text) in enumerate(
        [
            ("（一）", "行政法规、规章和规范性文件"),
            ("（二）", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
            ("（三）", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
            ("（四）", "国民经济和社会发展统计信息"),
            ("（五）", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
            ("（六）", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
            ("（七）", "财政预算、决算信息"),
            ("（八）", "行政事业性收费项目及其依据、标准"),
            ("（九）", "政府集中采购项目的目录、标准及实施情况"),
            ("（十）", "重大建设项目的批准和实施情况"),
            ("（十一）", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
            ("（十二）", "突发公共事件的应急预案、预警信息及应对情况"),
            ("（十三）", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
            ("（十四）", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
            ("（十五）", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
        ],
        start=1,
    )
)
