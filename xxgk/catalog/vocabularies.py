"""Starting rows of the catalogue's vocabularies, shared by the data migration and the demo."""

from __future__ import annotations

# The top level of the State Council's 公文主题分类; agencies may extend it in the back office.
TOPICS = [
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
]
STATUTORY_ITEM_NUMBERS = range(1, 16)  # 条例第二十条 （一）…（十五）


def ensure(statutory_item_model, topic_model) -> None:
    """Create whatever is missing (takes models so the migration can pass its historical ones)."""
    statutory_item_model.objects.bulk_create(
        [statutory_item_model(number=n) for n in STATUTORY_ITEM_NUMBERS], ignore_conflicts=True
    )
    for order, name in enumerate(TOPICS, 1):
        topic_model.objects.get_or_create(name=name, defaults={"sort_order": order})
