"""A synthetic city for benchmarks: 100 agencies and up to millions of published entries (issue 4).

``build_city`` is what ``manage.py synth_city`` runs. Deterministic: entry ``i`` (0-based, city-wide) depends
only on ``(seed, i)`` — never on how many entries exist — so a run *tops the city up* to ``entries`` and
running it again with the same arguments changes nothing (an interrupted load resumes where it stopped).
``--reset`` (``reset_city``) deletes the synthetic agencies and everything they published first.

What the rows look like, and how they get there:

* Agencies: a 市人民政府办公室 (code ``synth``) and 99 departments, districts and townships under it; codes are
  ``synth`` and ``synth-…`` — that is how ``reset_city`` finds them. Created directly (no audit event: this is
  a benchmark fixture, not a staff action).
* Entries: live, 主动公开, with kind, 主题分类, 第二十条 items (by kind), validity mix (about 85 % 有效),
  发文字号 for documents, and a body of 3–7 paragraphs mixing sentences of the demo seeds (real 年度报告
  text) with sentences built from a vocabulary of government work. Dates spread over 2016–2026.
* 索引号: exactly as publication allocates them — ``core.serials`` counters per agency and year, formatted by
  the agency's pattern — but one ``serials.allocate_block`` per (agency, year) and batch instead of one
  counter UPDATE per entry. Serials within an agency-year follow generation order, not dates.
* Search index: exactly what ``search.indexing.document_fields`` (the tokenizer of ``index_entry``) gives,
  computed sentence by sentence with a cache (``search_fields``) in worker processes, rows written with
  ``bulk_create``. On PostgreSQL a large load drops the GIN index first and rebuilds it once at the end
  (the migration's own ``create_fulltext``), several times faster than maintaining it row by row. No revisions
  are created: the row is the published version, which is all the public pages and search read.
"""

from __future__ import annotations

import datetime
import importlib
import multiprocessing
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from xxgk.catalog.models import Entry, StatutoryItem, Topic
from xxgk.catalog.vocabulary import Disclosure, EntryKind, Validity
from xxgk.core import serials
from xxgk.core.models import Agency, AgencyKind, SerialCounter
from xxgk.search.indexing import _fts_write, plain_text
from xxgk.search.models import SearchDocument
from xxgk.search.query import FIELD_SEPARATOR
from xxgk.search.segment import index_text, normalize

CODE_PREFIX = "synth"
CITY = "临江市"
BATCH = 2000
# Below this many new entries the GIN index is kept and maintained row by row.
REBUILD_GIN_FROM = 20_000
SEEDS_DIR = Path(__file__).resolve().parent.parent / "core" / "demo" / "seeds"
FIRST_DAY = datetime.date(2016, 1, 1)
LAST_DAY = datetime.date(2026, 11, 20)

DEPARTMENTS = [
    ("发展和改革委员会", "发改委", "发改"), ("教育局", "教育局", "教"), ("科学技术局", "科技局", "科"),
    ("工业和信息化局", "工信局", "工信"), ("公安局", "公安局", "公"), ("民政局", "民政局", "民"),
    ("司法局", "司法局", "司"), ("财政局", "财政局", "财"), ("人力资源和社会保障局", "人社局", "人社"),
    ("自然资源局", "自然资源局", "自然资"), ("生态环境局", "生态环境局", "环"), ("住房和城乡建设局", "住建局", "建"),
    ("交通运输局", "交通运输局", "交"), ("水利局", "水利局", "水"), ("农业农村局", "农业农村局", "农"),
    ("商务局", "商务局", "商"), ("文化旅游和广播电视局", "文旅局", "文旅"), ("卫生健康委员会", "卫健委", "卫"),
    ("退役军人事务局", "退役军人局", "退役"), ("应急管理局", "应急局", "应急"), ("审计局", "审计局", "审"),
    ("市场监督管理局", "市场监管局", "市监"), ("体育局", "体育局", "体"), ("统计局", "统计局", "统"),
    ("医疗保障局", "医保局", "医保"), ("城市管理综合行政执法局", "城管局", "城管"), ("林业和草原局", "林草局", "林"),
    ("行政审批局", "行政审批局", "审批"), ("营商环境建设局", "营商局", "营商"), ("信访局", "信访局", "信访"),
    ("粮食和物资储备局", "粮储局", "粮"), ("人民防空办公室", "人防办", "人防"),
    ("地方金融监督管理局", "金融局", "金融"),
    ("国有资产监督管理委员会", "国资委", "国资"), ("民族宗教事务局", "民宗局", "民宗"), ("档案局", "档案局", "档"),
    ("机关事务管理局", "机关事务局", "机管"), ("住房公积金管理中心", "公积金中心", "公积金"),
    ("公共资源交易中心", "交易中心", "交易"), ("乡村振兴局", "乡村振兴局", "振兴"),
]  # fmt: skip
DISTRICTS = ["江城区", "临川区", "北岸区", "高新区", "东湖县", "青山县", "白河县", "石门县", "南溪县", "龙泉市"]
TOWNSHIP_PARTS = ["东关", "西关", "南门", "北门", "新华", "胜利", "红旗", "向阳", "和平", "建设", "长安", "永安",
                  "兴隆", "太平", "大兴", "柳河", "梨树", "桃园", "杏林", "松山", "白塔", "金沙", "银河", "清水",
                  "三道沟", "五里铺", "八角台", "双庙", "黄土坎", "牛家营", "七里河", "王家店", "李家堡", "马场",
                  "石桥", "新立屯", "前进", "友谊", "团结", "光明", "幸福", "繁荣", "富民", "宝山", "龙山", "凤凰",
                  "青龙", "卧虎", "万寿"]  # fmt: skip

SUBJECTS = [
    "高新技术企业认定", "科技型中小企业评价", "安全生产大检查", "农村人居环境整治", "政府采购意向公开",
    "双随机一公开抽查", "保密检查", "营商环境优化", "城镇老旧小区改造", "义务教育招生入学", "医疗保障基金监管",
    "食品安全抽检", "生态环境保护督察整改", "河湖长制", "防汛抗旱", "森林防火", "秸秆禁烧", "就业创业补贴发放",
    "养老服务补贴", "最低生活保障", "退役军人优待抚恤", "消防安全专项整治", "道路交通安全", "文物保护",
    "全民健身", "科技计划项目", "专利资助", "政务服务事项清单", "行政许可事项", "行政处罚裁量基准", "权责清单",
    "高层次人才引进", "事业单位公开招聘", "公务员考试录用", "财政资金绩效评价", "国有资产清查", "统计执法检查",
    "耕地保护", "土地征收", "国有土地上房屋征收补偿", "住房公积金缴存", "城市精细化管理", "生活垃圾分类",
    "城镇燃气安全", "电梯安全监管", "校外培训机构治理", "疫苗接种", "爱国卫生运动", "乡村振兴",
    "农机购置补贴", "粮食安全生产", "动物疫病防控", "政务公开标准化规范化", "政府信息公开", "优化营商环境",
    "减税降费", "中小企业纾困", "招商引资", "重点项目建设", "重大行政决策", "规范性文件清理", "法治政府建设",
    "信用体系建设", "数字政府建设", "一网通办", "12345政务服务便民热线", "安全生产标准化", "危险化学品安全",
    "应急预案修订", "地质灾害防治", "大气污染防治", "水污染防治", "土壤污染防治", "饮用水水源地保护",
    "城乡居民医疗保险", "长期护理保险", "工伤保险", "失业保险稳岗返还", "职业技能提升", "农民工工资支付",
    "保障性租赁住房", "棚户区改造", "公共租赁住房", "物业服务管理", "建筑工地扬尘治理", "市政道路维修",
]  # fmt: skip

SUBJECT_ITEMS = {k: s for k, s in zip(SUBJECTS[::3], [11, 13, 12, 15] * 30, strict=False)}

# kind, weight, title templates, 第二十条 items (the notice kind takes its subject's item).
KINDS: list[tuple[str, int, list[str], list[int]]] = [
    (EntryKind.NEWS, 25, ["{agency}召开{subject}工作推进会", "{agency}扎实推进{subject}工作",
                          "{agency}部署{year}年{subject}工作", "{agency}开展{subject}专题调研"], [15]),
    (EntryKind.NOTICE, 20, ["关于开展{year}年度{subject}工作的通知", "关于做好{year}年{subject}工作的通知",
                            "关于公布{year}年度{subject}结果的公告", "关于{subject}有关事项的公示"], []),
    (EntryKind.POLICY, 8, ["关于印发《{city}{subject}实施方案》的通知",
                           "{city}{subject}三年行动计划（{year}—{year2}年）"], [1]),
    (EntryKind.NORMATIVE, 4, ["{city}{subject}管理办法", "{city}{subject}暂行规定", "{city}{subject}实施细则"], [1]),
    (EntryKind.INTERPRETATION, 4, ["《{city}{subject}管理办法》政策解读", "一图读懂{city}{subject}实施方案"], [1]),
    (EntryKind.PLAN, 4, ["{city}{subject}“十四五”专项规划", "{agency}{year}年工作计划"], [3]),
    (EntryKind.BUDGET, 3, ["{agency}{year}年部门预算", "{agency}{year}年部门决算",
                           "{agency}{year}年“三公”经费预算"], [7]),
    (EntryKind.PERSONNEL, 5, ["{agency}{year}年公开招聘工作人员公告",
                              "{agency}{year}年考试录用公务员拟录用人员公示"], [14]),
    (EntryKind.PROJECT, 4, ["{year}年度{city}{subject}项目立项名单公示",
                            "关于{subject}重大建设项目批准情况的公告"], [10]),
    (EntryKind.LICENSING, 8, ["{agency}{year}年第{n}批行政许可决定公示", "关于{subject}行政许可办理结果的公告"], [5]),
    (EntryKind.PENALTY, 6, ["{agency}行政处罚决定书（{short}罚〔{year}〕{n}号）",
                            "{agency}{year}年第{n}期行政处罚信息公示"], [6]),
    (EntryKind.PROCUREMENT, 6, ["{agency}{subject}服务项目采购意向公开",
                                "{agency}{year}年政府集中采购目录实施情况"], [9]),
    (EntryKind.ORGANISATION, 1, ["{agency}主要职责和内设机构"], [2]),
    (EntryKind.LEADERSHIP, 1, ["{agency}领导班子成员及分工"], [2]),
    (EntryKind.SERVICE_GUIDE, 3, ["{subject}办事指南", "{agency}{subject}事项服务指南"], [5]),
]  # fmt: skip
DOCUMENT_KINDS = {EntryKind.POLICY, EntryKind.NORMATIVE, EntryKind.PLAN}
VALIDITY = [(Validity.VALID, 85), (Validity.AMENDED, 7), (Validity.REPEALED, 5), (Validity.EXPIRED, 3)]

OPENINGS = [
    "为深入贯彻落实党中央、国务院和省委、省政府关于{subject}的决策部署，进一步提升工作质量和效率，结合我市实际，现就有关事项通知如下。",
    "根据《中华人民共和国政府信息公开条例》和上级有关要求，{agency}对{subject}工作进行了全面安排部署。",
    "{year}年以来，{agency}坚持以人民为中心的发展思想，把{subject}作为重点工作，压实责任、强化措施，取得了阶段性成效。",
    "近日，{agency}召开专题会议，研究部署{year}年{subject}工作，各科室、各直属单位主要负责同志参加会议。",
]  # fmt: skip
GENERATED = [
    "一是加强组织领导，成立由主要负责同志任组长的{subject}工作领导小组，明确责任分工，形成工作合力。",
    "二是健全工作机制，制定{subject}工作台账，实行清单化管理、项目化推进，确保各项任务按时完成。",
    "三是强化监督检查，对{subject}工作开展情况进行专项督查，发现问题及时督促整改。",
    "申报单位应于{year}年{month}月{day}日前通过{city}政务服务网提交申报材料，逾期不予受理。",
    "对公示内容有异议的，请于公示期内以书面形式向{agency}反映，联系电话：0{tel}。",
    "各地各部门要高度重视{subject}工作，主要负责同志亲自抓，分管负责同志具体抓，确保工作落到实处。",
    "本年度共受理{subject}相关事项{n}件，办结率100%，群众满意度达到{pct}%。",
    "下一步，{agency}将持续深化{subject}，不断提升人民群众的获得感、幸福感、安全感。",
    "本办法自{year}年{month}月{day}日起施行，有效期五年，由{agency}负责解释。",
    "安排财政资金{n}万元，重点支持{subject}和{subject2}等领域。",
    "会议指出，{subject}事关人民群众切身利益，要坚持问题导向，补齐短板弱项，推动工作提质增效。",
    "会议要求，要把{subject}与{subject2}统筹推进，加强部门协同配合，形成齐抓共管的工作格局。",
]  # fmt: skip


@dataclass(frozen=True)
class AgencyInfo:
    """What a worker process needs to know about an agency (plain data: it crosses process boundaries)."""

    id: int
    name: str
    short: str
    weight: int


@dataclass
class Plan:
    """One generated entry before numbering: Entry fields, 第二十条 items and the search index fields."""

    agency_id: int
    fields: dict
    items: list[int]
    search: dict


# --- agencies ------------------------------------------------------------------------------------


def agency_specs() -> list[dict]:
    """The 100 agencies of the synthetic city: the city office first, then its departments."""
    specs = [dict(code=CODE_PREFIX, name=f"{CITY}人民政府办公室", short_name="市政府办", kind=AgencyKind.CITY_OFFICE)]
    for i, (name, short, _abbr) in enumerate(DEPARTMENTS, 1):
        specs.append(dict(code=f"{CODE_PREFIX}-d{i:02d}", name=f"{CITY}{name}", short_name=f"市{short}"))
    for i, name in enumerate(DISTRICTS, 1):
        specs.append(dict(code=f"{CODE_PREFIX}-r{i:02d}", name=f"{CITY}{name}人民政府", short_name=name,
                          kind=AgencyKind.GOVERNMENT))  # fmt: skip
    for i, part in enumerate(TOWNSHIP_PARTS, 1):
        suffix = "街道办事处" if i % 3 == 0 else "镇人民政府"
        district = DISTRICTS[i % len(DISTRICTS)]
        specs.append(dict(code=f"{CODE_PREFIX}-t{i:02d}", name=f"{CITY}{district}{part}{suffix}",
                          short_name=f"{part}{suffix[:2]}", kind=AgencyKind.TOWNSHIP))  # fmt: skip
    return specs


def ensure_agencies(count: int) -> list[Agency]:
    """The first ``count`` synthetic agencies (at most 100), created if missing."""
    specs = agency_specs()
    if not 1 <= count <= len(specs):
        raise ValueError(f"机关数必须在 1 到 {len(specs)} 之间。")
    city = None
    agencies = []
    for order, spec in enumerate(specs[:count], 1):
        fields = dict(spec)
        code = fields.pop("code")
        fields.setdefault("kind", AgencyKind.DEPARTMENT)
        agency, _created = Agency.objects.get_or_create(
            code=code, defaults={**fields, "parent": city, "sort_order": 1000 + order}
        )
        city = city or agency
        agencies.append(agency)
    return agencies


def synthetic_agencies():
    """The synthetic city's agencies: code ``synth`` or ``synth-…`` (a real ``synthesis`` is not one)."""
    return Agency.objects.filter(Q(code=CODE_PREFIX) | Q(code__startswith=f"{CODE_PREFIX}-"))


# --- text ----------------------------------------------------------------------------------------


def seed_sentences() -> list[str]:
    """Sentences of the real 年度报告 seeds, with the demo city's name replaced by the synthetic one."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))
    sentences = re.split(r"(?<=[。！？；])", text.replace("朝阳市", CITY).replace("朝阳", "临江"))
    return [s.strip() for s in sentences if 15 <= len(s.strip()) <= 160 and "\n" not in s.strip()]


def _weighted(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def plan_entry(seed: int, index: int, agencies: list[AgencyInfo], sentences: list[str]) -> Plan:
    """Entry ``index`` of the city: a pure function of ``(seed, index)`` and the agency list."""
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 (test data, not secrets)
    agency = rng.choices(agencies, weights=[a.weight for a in agencies])[0]
    kind, _weight, titles, items = rng.choices(KINDS, weights=[spec[1] for spec in KINDS])[0]
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    subject, subject2 = rng.sample(SUBJECTS, 2)
    words = dict(
        agency=agency.name, short=agency.short, city=CITY, subject=subject, subject2=subject2, year=day.year,
        year2=day.year + 2, n=rng.randint(1, 300), month=rng.randint(1, 12), day=rng.randint(1, 28),
        tel=rng.randint(4210000000, 4219999999), pct=rng.randint(95, 100),
    )  # fmt: skip
    title = rng.choice(titles).format(**words)
    paragraphs = [rng.choice(OPENINGS).format(**words)]
    for _ in range(rng.randint(2, 6)):
        picked = [
            rng.choice(sentences) if rng.random() < 0.5 else rng.choice(GENERATED) for _ in range(rng.randint(2, 4))
        ]
        paragraphs.append("".join(s.format(**words) if "{" in s else s for s in picked))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    written = day - datetime.timedelta(days=rng.randint(0, 15))
    fields = dict(
        agency_id=agency.id,
        title=title[:300],
        summary=paragraphs[0][:120] if rng.random() < 0.5 else "",
        body=body,
        kind=kind,
        topic_index=rng.randrange(21),
        document_number=f"临{agency.short[:2]}发〔{day.year}〕{words['n']}号" if kind in DOCUMENT_KINDS else "",
        formed_on=written,
        written_on=written,
        published_on=day,
        validity=_weighted(rng, VALIDITY) if kind in DOCUMENT_KINDS else Validity.VALID,
    )
    return Plan(agency.id, fields, items or [SUBJECT_ITEMS.get(subject, 15)], search_fields(title[:300], body))


# A sentence end (after ``normalize``: 。 and the half-width forms of ！？；) is never inside a token: jieba
# cuts its blocks at punctuation, and Han pairs and letter/digit runs stop there too. So the tokens of a
# text are the tokens of its sentences, in order — and the bodies here reuse the same sentences
# (the seeds' above all) again and again, so each is segmented once per worker instead of once per entry.
_SENTENCE_END = re.compile(r"(?<=[。!?;])")


@lru_cache(maxsize=100_000)
def _sentence_tokens(sentence: str) -> str:
    return index_text(sentence)


def search_fields(title: str, body: str) -> dict[str, str]:
    """``document_fields(title, body)``, equal to the character, segmenting each distinct sentence once."""
    body_text = plain_text(body)
    sentences = _SENTENCE_END.split(normalize(f"{title} {body_text}"))
    tokens = " ".join(filter(None, map(_sentence_tokens, sentences)))
    return {"title": title, "raw": f"{title}{FIELD_SEPARATOR}{body_text}", "tokens": tokens}


# --- loading -------------------------------------------------------------------------------------

_worker_state: dict = {}


def _init_worker(seed: int, agencies: list[AgencyInfo]) -> None:
    _worker_state.update(seed=seed, agencies=agencies, sentences=seed_sentences())


def _plan_batch(bounds: tuple[int, int]) -> list[Plan]:
    state = _worker_state
    return [plan_entry(state["seed"], i, state["agencies"], state["sentences"]) for i in range(*bounds)]


def _plans(start: int, stop: int, seed: int, agencies: list[AgencyInfo], workers: int) -> Iterator[list[Plan]]:
    batches = [(lo, min(lo + BATCH, stop)) for lo in range(start, stop, BATCH)]
    if workers <= 1:
        _init_worker(seed, agencies)
        yield from map(_plan_batch, batches)
        return
    # fork: workers inherit the loaded Django and jieba; they never touch the database.
    connection.close()
    with multiprocessing.get_context("fork").Pool(workers, _init_worker, (seed, agencies)) as pool:
        yield from pool.imap(_plan_batch, batches)


def _insert(plans: list[Plan], agencies: dict[int, Agency], topic_ids: list[int]) -> None:
    now = timezone.now()
    groups: dict[tuple[int, int], list[Plan]] = defaultdict(list)
    for plan in plans:
        groups[(plan.agency_id, plan.fields["published_on"].year)].append(plan)
    with transaction.atomic():
        entries = []
        for (agency_id, year), members in groups.items():
            agency = agencies[agency_id]
            first = serials.allocate_block(agency, "index_number", year, len(members))
            for offset, plan in enumerate(members):
                fields = dict(plan.fields)
                fields["topic_id"] = topic_ids[fields.pop("topic_index") % len(topic_ids)]
                entries.append(
                    Entry(
                        **fields,
                        index_number=serials.format_index_number(agency, year, first + offset),
                        disclosure=Disclosure.PROACTIVE,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
        ordered = [plan for members in groups.values() for plan in members]
        Entry.objects.bulk_create(entries, batch_size=500)
        through = Entry.statutory_items.through
        through.objects.bulk_create(
            [
                through(entry_id=e.id, statutoryitem_id=n)
                for e, p in zip(entries, ordered, strict=True)
                for n in p.items
            ],
            batch_size=2000,
        )
        docs = SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    entry_id=e.id,
                    agency_id=e.agency_id,
                    published_on=e.published_on,
                    kind=e.kind,
                    validity=e.validity,
                    **p.search,
                )
                for e, p in zip(entries, ordered, strict=True)
            ],
            batch_size=500,
        )
        if connection.vendor == "sqlite":
            for doc in docs:
                _fts_write(doc.pk, doc.tokens)


def _fulltext_migration():
    return importlib.import_module("xxgk.search.migrations.0006_agency_in_the_fulltext_index")


def build_city(
    agencies: int, entries: int, *, seed: int = 2026, workers: int = 2, progress: Callable[[str], None] = print
) -> int:
    """Top the synthetic city up to ``entries`` public entries over ``agencies`` agencies; returns how many
    were added. Running it again with the same arguments adds nothing."""
    rows = ensure_agencies(agencies)
    by_id = {a.id: a for a in rows}
    existing = Entry.objects.filter(agency__in=rows).count()
    if existing >= entries:
        progress(f"已有 {existing} 条，不需要新增。")
        return 0
    # Departments publish more than townships; the city office most.
    infos = [AgencyInfo(a.id, a.name, a.short_name, 40 if i == 0 else 3 if "t" in a.code[6:7] else 12)
             for i, a in enumerate(rows)]  # fmt: skip
    StatutoryItem.objects.bulk_create([StatutoryItem(number=n) for n in range(1, 16)], ignore_conflicts=True)
    topic_ids = list(Topic.objects.order_by("sort_order", "id").values_list("id", flat=True))
    rebuild_gin = connection.vendor == "postgresql" and entries - existing >= REBUILD_GIN_FROM
    fulltext = _fulltext_migration()
    if rebuild_gin:
        with connection.schema_editor() as editor:
            fulltext.drop_fulltext(None, editor)
    started = timezone.now()
    done = existing
    try:
        for plans in _plans(existing, entries, seed, infos, workers):
            _insert(plans, by_id, topic_ids)
            done += len(plans)
            rate = (done - existing) / max((timezone.now() - started).total_seconds(), 1e-3)
            progress(f"{done}/{entries} 条（{rate:.0f} 条/秒）")
    finally:
        if rebuild_gin:
            progress("重建全文索引（GIN）…")
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '1GB'")
                # Inside an outer transaction (tests), deferred FK checks must run before CREATE INDEX.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            with connection.schema_editor() as editor:
                fulltext.create_fulltext(None, editor)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return done - existing


def reset_city(progress: Callable[[str], None] = print) -> None:
    """Delete the synthetic agencies, their entries, index rows and serial counters (plain SQL deletes:
    the ORM's cascade collector would load a million rows)."""
    agency_ids = list(synthetic_agencies().values_list("id", flat=True))
    if not agency_ids:
        return
    marks = ", ".join(["%s"] * len(agency_ids))
    entries, docs = Entry._meta.db_table, SearchDocument._meta.db_table
    through = Entry.statutory_items.through._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        in_city = f"SELECT id FROM {entries} WHERE agency_id IN ({marks})"  # noqa: S608 (table names only)
        if connection.vendor == "sqlite":
            in_docs = f"SELECT id FROM {docs} WHERE agency_id IN ({marks})"  # noqa: S608
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({in_docs})", agency_ids)  # noqa: S608
        cursor.execute(f"DELETE FROM {docs} WHERE agency_id IN ({marks})", agency_ids)  # noqa: S608
        cursor.execute(f"DELETE FROM {through} WHERE entry_id IN ({in_city})", agency_ids)  # noqa: S608
        cursor.execute(f"DELETE FROM {entries} WHERE agency_id IN ({marks})", agency_ids)  # noqa: S608
        progress(f"已删除 {cursor.rowcount} 条合成信息。")
        SerialCounter.objects.filter(agency_id__in=agency_ids).delete()
        # Children before parents (Agency.parent is PROTECT).
        synthetic_agencies().exclude(code=CODE_PREFIX).delete()
        synthetic_agencies().delete()
