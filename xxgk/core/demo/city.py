"""The demo city: a 政务公开办, the 科技局 and two other departments, plus the agencies whose
published reports are among the seeds. Plain data; ``seed_demo`` turns it into rows via services.
"""

from __future__ import annotations

from xxgk.core.models import AgencyKind, Role

DEMO_PASSWORD = "xxgk-demo-2026"  # noqa: S105  (a demo install; printed on start by design)
ADMIN_USERNAME = "admin"

CITY = "chaoyang"
OFFICE_HOURS = "工作日 上午8:30—11:30，下午13:30—17:00（法定节假日除外）"

AGENCIES: list[dict] = [
    dict(
        code=CITY,
        name="朝阳市人民政府办公室",
        short_name="市政务公开办",
        kind=AgencyKind.CITY_OFFICE,
        parent=None,
        sort_order=1,
        office_name="朝阳市人民政府办公室政务公开科",
        office_address="朝阳市双塔区朝阳大街二段1号",
        office_postcode="122000",
        office_phone="0421-2611001",
        office_fax="0421-2611002",
        office_email="zwgk@chaoyang.example.gov.cn",
    ),
    dict(
        code="chaoyang-kjj",
        name="朝阳市科学技术局",
        short_name="市科技局",
        kind=AgencyKind.DEPARTMENT,
        parent=CITY,
        sort_order=10,
        office_name="朝阳市科学技术局办公室",
        office_address="朝阳市双塔区新华路四段27号",
        office_postcode="122000",
        office_phone="0421-2812345",
        office_fax="0421-2812346",
        office_email="kjjgk@chaoyang.example.gov.cn",
        review_body="朝阳市人民政府",
        court="朝阳市双塔区人民法院",
    ),
    dict(
        code="chaoyang-czj",
        name="朝阳市财政局",
        short_name="市财政局",
        kind=AgencyKind.DEPARTMENT,
        parent=CITY,
        sort_order=20,
        office_name="朝阳市财政局办公室",
        office_address="朝阳市双塔区文化路三段12号",
        office_postcode="122000",
        office_phone="0421-2623456",
        office_fax="0421-2623457",
        office_email="czjgk@chaoyang.example.gov.cn",
        review_body="朝阳市人民政府",
        court="朝阳市双塔区人民法院",
    ),
    dict(
        code="chaoyang-jyj",
        name="朝阳市教育局",
        short_name="市教育局",
        kind=AgencyKind.DEPARTMENT,
        parent=CITY,
        sort_order=30,
        office_name="朝阳市教育局办公室",
        office_address="朝阳市龙城区燕都路八段8号",
        office_postcode="122000",
        office_phone="0421-2834567",
        office_fax="0421-2834568",
        office_email="jyjgk@chaoyang.example.gov.cn",
        review_body="朝阳市人民政府",
        court="朝阳市双塔区人民法院",
    ),
    # Agencies elsewhere whose published annual reports are among the seed documents.
    dict(
        code="gaoqing-kjj",
        name="高青县科学技术局",
        short_name="高青县科技局",
        kind=AgencyKind.DEPARTMENT,
        parent=None,
        sort_order=200,
    ),
    dict(
        code="yueyang-kjj",
        name="岳阳市科技局",
        short_name="岳阳市科技局",
        kind=AgencyKind.DEPARTMENT,
        parent=None,
        sort_order=210,
    ),
    dict(
        code="xingyi-gmkjj",
        name="兴义市工业贸易和科学技术局",
        short_name="兴义市工贸科技局",
        kind=AgencyKind.DEPARTMENT,
        parent=None,
        sort_order=220,
    ),
]

# (username, full name, agency code, roles)
STAFF: list[tuple[str, str, str, list[Role]]] = [
    ("city_office", "市公开办 周明", CITY, [Role.CITY_OFFICE]),
    ("kjj_admin", "科技局 刘晓梅", "chaoyang-kjj", [Role.AGENCY_ADMIN]),
    ("kjj_drafter", "科技局 王磊", "chaoyang-kjj", [Role.DRAFTER]),
    ("kjj_section", "科技局 李娜", "chaoyang-kjj", [Role.SECTION_REVIEWER]),
    ("kjj_secrecy", "科技局 张伟", "chaoyang-kjj", [Role.SECRECY_REVIEWER]),
    ("kjj_leader", "科技局 赵凌", "chaoyang-kjj", [Role.LEADER]),
    ("kjj_foi", "科技局 陈静", "chaoyang-kjj", [Role.FOI_HANDLER]),
    ("czj_admin", "财政局 孙强", "chaoyang-czj", [Role.AGENCY_ADMIN, Role.DRAFTER]),
    ("jyj_admin", "教育局 吴芳", "chaoyang-jyj", [Role.AGENCY_ADMIN, Role.DRAFTER]),
]

# Seed documents that are published annual reports, as past 年报 of the agency that wrote each one:
# (file in xxgk/core/demo/seeds, agency code, report year, title, published on).
# Seed 003 is a work summary, not a report, and is not loaded here.
SEED_REPORTS: list[tuple[str, str, int, str, str | None]] = [
    ("000_a15c1d0bfa9d8476.txt", "chaoyang-kjj", 2012, "朝阳市科技局2012年度政府信息公开工作报告", "2013-03-18"),
    ("001_240bf6a8e549b4ec.txt", "gaoqing-kjj", 2012, "高青县科学技术局2012年政府信息公开工作年度报告", None),
    ("002_faed99d6d17bd285.txt", "yueyang-kjj", 2019, "岳阳市科技局2019年政府信息公开年度报告", "2020-01-23"),
    (
        "004_bfd56c8b530a0c40.txt",
        "xingyi-gmkjj",
        2016,
        "兴义市工业贸易和科学技术局2016年政府信息公开工作年度报告",
        "2017-02-28",
    ),
]
