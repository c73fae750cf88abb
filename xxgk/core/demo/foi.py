"""Demo applications for the 科技局, one per channel and state, built through the foi services by the
demo handler (kjj_foi) and, for the extension, the leader (kjj_leader). Dates are counted back from
the day the demo is built, so the work lists always have something due soon, overdue and waiting.
Last year's applications have dates of their own: the annual report for that year counts them.
Applicants are fictional; ID numbers are made valid with the GB 11643 / GB 32100 check characters.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from xxgk.core.calendar import load_calendar
from xxgk.core.identifiers import resident_id_check_char, uscc_check_char
from xxgk.core.models import Agency

AGENCY = "chaoyang-kjj"


def _resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


def _uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


PEOPLE = {
    "wang": dict(
        kind="natural_person",
        name="王建国",
        id_kind="resident_id",
        id_number=_resident_id("21130219780415003"),
        phone="13904211234",
        address="朝阳市双塔区凌河街道龙山路18号3单元402",
        postcode="122000",
    ),
    "li": dict(
        kind="natural_person",
        name="李秀兰",
        id_kind="resident_id",
        id_number=_resident_id("21132119850923004"),
        phone="15842156789",
        email="lixiulan@example.com",
    ),
    "firm": dict(
        kind="commercial",
        name="朝阳北方智能装备有限公司",
        id_kind="uscc",
        id_number=_uscc("91211300MA0Y2K3L4"),
        contact_person="赵经理",
        phone="0421-2998765",
        email="office@beifang.example.com",
    ),
    "lawyer": dict(
        kind="legal_service",
        name="辽宁朝阳明理律师事务所",
        id_kind="uscc",
        id_number=_uscc("31210000MD0123456"),
        contact_person="孙律师",
        phone="13700000001",
        address="朝阳市双塔区友谊大街三段5号",
    ),
}


def ensure_foi_cases() -> int:
    """Register the demo cases once (keyed by the requested information's name)."""
    from xxgk.foi import services
    from xxgk.foi.models import Case

    agency = Agency.objects.get(code=AGENCY)
    users = get_user_model().objects
    handler, leader = users.get(username="kjj_foi"), users.get(username="kjj_leader")
    today = timezone.localdate()

    calendar = load_calendar()

    def working(day: date) -> date:
        """``day``, moved to the working day before if it is a day off."""
        while not calendar.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def ago(days: int) -> date:
        """``days`` calendar days back, moved to the working day before if it is a day off."""
        return working(today - timedelta(days=days))

    def register(name: str, person: str, channel: str, arrived: int | date, **kw) -> Case | None:
        if Case.objects.filter(agency=agency, information_name=name).exists():
            return None
        return services.register_application(
            handler,
            agency,
            channel=channel,
            arrived_on=arrived if isinstance(arrived, date) else ago(arrived),
            applicant=services.ApplicantData(**PEOPLE[person]),
            request=services.RequestedInfo(name, kw.pop("document_number", ""), kw.pop("description", "")),
            form_wanted=kw.pop("form_wanted", "paper"),
            delivery_method=kw.pop("delivery_method", "post"),
            handler=handler,
            **kw,
        )

    def letters(case: Case) -> None:
        """Issue the 告知书 the case's events call for, dated the day of their event."""
        for due in services.letters_called_for(case):
            services.issue_letter(handler, case, due.kind, event=due.event, on=due.event.date)

    created = 0
    # 当面, due within a few working days (received four weeks ago minus a little)
    if case := register(
        "2026年度市级科技计划项目立项名单", "wang", "in_person", 24, document_number="朝科发〔2026〕9号"
    ):
        letters(case)
        created += 1
    # 邮寄 (signed for), long overdue: nobody answered it
    if case := register("高新技术企业认定专家评审意见", "firm", "post", 45, form_wanted="electronic"):
        letters(case)
        created += 1
    # 网络, arrived yesterday, the applicant not yet reached: the clock has not started
    if case := register("科技特派员派驻名单", "li", "online", 1, form_wanted="email", delivery_method="email"):
        attempt = timezone.make_aware(datetime.combine(ago(1), time(9, 30)))
        services.log_confirmation_attempt(handler, case, attempted_at=attempt, method="电话", note="无人接听")
        created += 1
    # 平常信函, confirmed after two tries; the request was unclear → waiting for the 补正
    if case := register("关于科技项目资金的情况", "wang", "ordinary_letter", 12):
        for hour in (9, 15):
            when = timezone.make_aware(datetime.combine(ago(12), time(hour, 0)))
            services.log_confirmation_attempt(handler, case, attempted_at=when, method="电话", reached=hour == 15)
        services.confirm_receipt(handler, case, on=ago(12))
        services.request_correction(
            handler,
            case,
            on=ago(10),
            items="请写明所需项目资金信息的年度和项目名称。",
            reply_by=ago(10) + timedelta(days=15),
        )
        letters(case)
        correction = case.letters.get(kind="correction")
        services.record_letter_delivery(
            handler, correction, method="post", sent_on=ago(10), signed_on=ago(10), tracking_number="1180000000001"
        )
        created += 1
    # 传真, a third party's commercial information: consultation under way
    if case := register("某企业科技成果转化项目申报材料", "lawyer", "fax", 8, form_wanted="paper"):
        services.confirm_receipt(handler, case, on=ago(7))
        services.send_consultation(handler, case, on=ago(5), party="朝阳北方智能装备有限公司", party_kind="third_party")
        letters(case)
        created += 1
    # 当面, many pages: fee notice delivered, waiting for payment; extension approved by the leader
    if case := register("2020—2025年科技计划项目验收报告", "firm", "in_person", 20, form_wanted="paper"):
        services.request_extension(handler, case, on=ago(6), days=15, reason="涉及六个年度的验收档案，需调档整理。")
        services.approve_extension(leader, case, on=ago(6))
        services.send_fee_notice(handler, case, on=ago(5), method="per_page", pages=160)
        letters(case)
        services.deliver_fee_notice(handler, case, on=ago(4))
        created += 1
    # 邮寄, answered 部分公开 and closed; the applicant applied for 行政复议
    if case := register("科技创新券发放明细", "li", "post", 60, delivery_method="email", form_wanted="email"):
        services.decide(
            handler,
            case,
            on=ago(45),
            outcome_code="partial",
            reasons="公开发放企业名称和金额。",
            withheld="企业联系人姓名和手机号码",
            withheld_ground="deny_third_party",
        )
        letters(case)
        reply = case.letters.get(kind="reply")
        services.record_letter_delivery(handler, reply, method="email", sent_on=ago(45))
        services.close(handler, case, on=ago(44))
        services.record_remedy(handler, case, kind="review", filed_on=ago(30), body=agency.review_body)
        created += 1
    # 当面, several unrelated items: split into cases of their own (一事一申请)
    if case := register("市科技局机构设置、科研项目经费和人员招聘情况", "wang", "in_person", 3):
        services.split_case(
            handler,
            case,
            [
                services.RequestedInfo("市科技局2026年科研项目经费"),
                services.RequestedInfo("市科技局2026年公开招聘人员名单"),
            ],
            on=ago(2),
        )
        for item in (case, *case.splits.all()):
            letters(item)
        created += 1
    created += _lapsed_cases(register, handler, letters, ago)
    _receipt_template(agency)
    return created + _last_year_cases(agency, handler, register, letters, working)


def _lapsed_cases(register, handler, letters, ago) -> int:
    """The two outcomes that need a lapse (三（六）1 and 2) and the 其他 channel, so each can be produced:
    a 补正 whose period has passed (the handler is offered 确认逾期不补正并办结) and a fee notice delivered
    over 20 working days ago and unpaid (the handler may answer 逾期未缴费)."""
    from xxgk.foi import services

    created = 0
    # 其他 (an oral request written down at the counter); unclear, the 补正 period has passed
    if case := register(
        "科技局历年课题情况",
        "li",
        "other",
        40,
        received_on=ago(40),
        note="申请人书写困难，口头提出，工作人员代为填写。",
    ):
        services.request_correction(
            handler, case, on=ago(38), items="请写明所需课题的年度和名称。", reply_by=ago(38) + timedelta(days=15)
        )
        letters(case)
        created += 1
    # 邮寄, many pages: fee notice delivered seven weeks ago, never paid
    if case := register("2015—2025年科技项目申报书全文", "firm", "post", 55, form_wanted="paper"):
        services.send_fee_notice(handler, case, on=ago(52), method="per_page", pages=420)
        letters(case)
        services.deliver_fee_notice(handler, case, on=ago(50))
        created += 1
    return created


# The 科技局 uses its own 登记回执 text (issue 5: letters from per-agency templates); letters issued before
# this text was saved keep the built-in one.
RECEIPT_TEMPLATE = """本局于【收到日期】收到您提出的政府信息公开申请（申请编号：【申请编号】），申请获取【申请内容】。
根据《中华人民共和国政府信息公开条例》第三十一条、第三十三条的规定，本局将于【答复期限】前作出答复。需要补正、征求意见、延长答复期限或者收取信息处理费的，本局将另行书面告知。
办理进度可凭申请编号和查询码在本局政府信息公开网站查询。
特此回执。"""


def _receipt_template(agency: Agency) -> None:
    from xxgk.foi import services
    from xxgk.foi.models import LetterTemplate

    if not LetterTemplate.objects.filter(agency=agency).exists():
        admin = get_user_model().objects.get(username="kjj_admin")
        services.save_template(admin, agency, "receipt", RECEIPT_TEMPLATE)


def _last_year_cases(agency: Agency, handler, register, letters, working) -> int:
    """Last year's applications, so the 科技局's report for it counts tables 三 and 四 from cases: six
    received (自然人 3, 商业企业 2, 法律服务机构 1), five answered (予以公开 2, 保护第三方合法权益,
    不掌握, 信访举报), one carried over and answered in January; one 行政复议 (维持); 150元 paid."""
    from xxgk.foi import services

    today = timezone.localdate()
    year = today.year - 1

    def on(month: int, day: int, in_year: int = year) -> date:
        return working(date(in_year, month, day))

    def answer(case, decided: date, code: str, reasons: str) -> None:
        services.decide(handler, case, on=decided, outcome_code=code, reasons=reasons)
        letters(case)
        reply = case.letters.get(kind="reply")
        services.record_letter_delivery(handler, reply, method="post", sent_on=decided, tracking_number="1180000000100")
        services.close(handler, case, on=decided)

    created = 0
    if case := register(f"{year}年度科技型中小企业评价入库名单", "wang", "in_person", on(3, 10)):
        answer(case, on(3, 20), "granted", "提供入库企业名单。")
        created += 1
    if case := register(f"{year}年市科技局部门预算执行情况", "firm", "post", on(4, 14), form_wanted="paper"):
        services.send_fee_notice(handler, case, on=on(4, 16), method="per_page", pages=45)
        letters(case)
        services.deliver_fee_notice(handler, case, on=on(4, 17))
        services.record_fee_payment(handler, case, on=on(4, 22), receipt_number=f"辽财票{year}-000123")
        answer(case, on(4, 28), "granted", "提供预算执行情况表。")
        created += 1
    if case := register("某企业研发费用加计扣除核查材料", "lawyer", "in_person", on(6, 9)):
        party = PEOPLE["firm"]["name"]
        services.send_consultation(handler, case, on=on(6, 11), party=party, party_kind="third_party")
        services.answer_consultation(
            handler, case, on=on(6, 18), party=party, opinion="涉及商业秘密，不同意公开", agrees=False
        )
        answer(case, on(6, 27), "deny_third_party", "涉及第三方商业秘密，第三方不同意公开。")
        review = services.record_remedy(handler, case, kind="review", filed_on=on(7, 15), body=agency.review_body)
        services.conclude_remedy(handler, review, result="upheld", concluded_on=on(9, 10))
        created += 1
    if case := register("市科技馆建设工程招标文件", "li", "in_person", on(8, 5)):
        answer(case, on(8, 12), "unable_not_held", "该信息由朝阳市住房和城乡建设局掌握，请向该局申请。")
        created += 1
    if case := register("对某公司违规使用科技补贴问题的举报处理结果", "wang", "post", on(10, 13)):
        answer(case, on(10, 20), "reject_petition", "属于举报事项，请通过12345热线或信访渠道反映。")
        created += 1
    # received in the last days of the year: 结转下年度, answered in January
    if case := register(f"{year}年科技成果登记统计数据", "firm", "post", on(12, 22)):
        letters(case)
        if (january := on(1, 12, today.year)) <= today:
            answer(case, january, "granted", "提供科技成果登记统计表。")
        created += 1
    return created
