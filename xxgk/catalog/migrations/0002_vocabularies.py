"""The fifteen 第二十条 items (labels live in core.statutory) and a starting 主题分类 vocabulary:
the top level of the State Council's 公文主题分类, which agencies may extend in the back office."""

from django.db import migrations

TOPICS = [
    "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源", "农业、林业、水利",
    "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育",
    "文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作", "劳动、人事、监察", "公安、安全、司法",
    "民政、扶贫、救灾", "民族、宗教", "对外事务", "港澳台侨工作", "国防", "其他",
]


def load(apps, schema_editor):
    StatutoryItem = apps.get_model("catalog", "StatutoryItem")
    Topic = apps.get_model("catalog", "Topic")
    StatutoryItem.objects.bulk_create([StatutoryItem(number=n) for n in range(1, 16)], ignore_conflicts=True)
    for order, name in enumerate(TOPICS, 1):
        Topic.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
