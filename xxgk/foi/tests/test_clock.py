"""The statutory clock against dates counted by hand on the official 2024–2026 holiday notices.

Every expected date below was counted by hand from the State Council notices (国务院办公厅关于2024/2025/2026年
部分节假日安排的通知), with the reasoning in a comment, then confirmed against a print-out of
``official_calendar(range(2024, 2027))`` — never copied from the function under test.
``test_calendar_is_the_one_counted_on`` pins the calendar facts those counts rely on.

Notation in the comments: "after D: a(1) b(2) …" lists the counted working days; "*" marks a weekend
make-up working day (调休), "[x–y off]" a holiday; counting starts the day after the trigger.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import cast

import pytest

from xxgk.core.official_calendar import official_calendar
from xxgk.core.workdays import WorkingDayCalendar
from xxgk.foi.clock import (
    ClockEvent,
    ClockSettings,
    EventType,
    Scenario,
    ScenarioError,
    answer_json,
    compute_clock,
    scenario_from_json,
)

D = date.fromisoformat
E = EventType


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return official_calendar(range(2024, 2027))


def ev(
    kind: EventType, on: str, *, days: int | None = None, party: str | None = None, due: str | None = None
) -> ClockEvent:
    return ClockEvent(kind, D(on), days=days, party=party, due=D(due) if due else None)


def expect(
    reply: str,
    correction: str,
    fee: str | None = None,
    consultation: str | None = None,
    provisional: bool = False,
) -> dict[str, object]:
    return {
        "reply_due": D(reply),
        "correction_notice_due": D(correction),
        "fee_payment_due": D(fee) if fee else None,
        "consultation_reply_due": D(consultation) if consultation else None,
        "provisional": provisional,
    }


def case(
    name: str,
    received: str,
    events: list[ClockEvent],
    *,
    reply: str,
    correction: str,
    fee: str | None = None,
    consultation: str | None = None,
    provisional: bool = False,
    settings: ClockSettings | None = None,
) -> object:
    """One table row; the comment above it is the hand count behind the expected dates."""
    expected = expect(reply, correction, fee, consultation, provisional)
    return pytest.param(received, events, settings, expected, id=name)


OFF = ClockSettings(fee_wait_pauses_clock=False)
SAME_DAY = ClockSettings(count_from_next_day=False)

SCENARIOS = [
    # — holidays and 调休, no events —
    # after 09-26: 28*(1) 29(2) 30(3) [10-01–10-08 off] 10-09(4) 10(5) 11*(6) 13(7) 14(8) 15 16 17(11)
    # 20–24(16) 27 28 29 30(20).  补正: the 7th is 10-13.
    case("2025-national-day-receipt-fri-0926", "2025-09-26", [], reply="2025-10-30", correction="2025-10-13"),
    # after 09-27 (2024): 29*(1) 30(2) [10-01–10-07 off] 08(3) 09(4) 10(5) 11(6) 12*(7) 14–18(12)
    # 21–25(17) 28 29 30(20).  补正: 7th is the make-up Saturday 10-12.
    case(
        "2024-national-day-correction-due-on-makeup-saturday",
        "2024-09-27",
        [],
        reply="2024-10-30",
        correction="2024-10-12",
    ),
    # after 09-18 (2026): 20*(1) 21 22 23 24(5) [25 中秋 off] 28 29 30(8) [10-01–10-07 off] 08 09(10)
    # 10*(11) 12–16(16) 19 20 21 22(20).  补正: 20* 21 22 23 24 28 29 → 09-29.
    case("2026-national-day-and-mid-autumn", "2026-09-18", [], reply="2026-10-22", correction="2026-09-29"),
    # after 01-20 (2025): 21 22 23 24(4) 26*(5) 27(6) [01-28–02-04 off] 05 06 07(9) 08*(10)
    # 10–14(15) 17–21(20).  补正: 21 22 23 24 26* 27 02-05 → 02-05.
    case("2025-spring-festival", "2025-01-20", [], reply="2025-02-21", correction="2025-02-05"),
    # after 02-06 (2026): 09–13(5) 14*(6) [15–23 off] 24 25 26 27(10) 28*(11) 03-02–06(16)
    # 09 10 11 12(20).  补正: 09–13 14* 24 → 02-24.
    case(
        "2026-spring-festival-two-working-saturdays",
        "2026-02-06",
        [],
        reply="2026-03-12",
        correction="2026-02-24",
    ),
    # after 02-02 (2024): 04*(1) 05–09(6) [10–17 off] 18*(7) 19–23(12) 26 27 28 29(16)
    # 03-01(17) 04 05 06(20).  补正: 04* 05 06 07 08 09 18* → 02-18 (a Sunday).
    case("2024-spring-festival-leap-february", "2024-02-02", [], reply="2024-03-06", correction="2024-02-18"),
    # after 04-25 (2025): 27*(1) 28 29 30(4) [05-01–05-05 off] 06–09(8) 12–16(13) 19–23(18)
    # 26 27(20).  补正: 27* 28 29 30 05-06 07 08 → 05-08.
    case("2025-may-day-makeup-sunday", "2025-04-25", [], reply="2025-05-27", correction="2025-05-08"),
    # after 04-26 (2024): 28*(1) 29 30(3) [05-01–05-05 off] 06–10(8) 11*(9) 13–17(14) 20–24(19)
    # 27(20).  补正: 28* 29 30 05-06 07 08 09 → 05-09.
    case("2024-may-day-two-makeup-days", "2024-04-26", [], reply="2024-05-27", correction="2024-05-09"),
    # after 04-28 (2026): 29 30(2) [05-01, 04, 05 off] 06 07 08(5) 09*(6) 11–15(11) 18–22(16)
    # 25 26 27 28(20).  补正: 29 30 06 07 08 09* 11 → 05-11.
    case("2026-may-day-makeup-saturday", "2026-04-28", [], reply="2026-05-28", correction="2026-05-11"),
    # after 2025-12-26: 29 30 31(3) [01-01, 02 off] 04*(4) 05–09(9) 12–16(14) 19–23(19) 26(20).
    # 补正: 29 30 31 04* 05 06 07 → 01-07.
    case("2026-new-year-makeup-sunday", "2025-12-26", [], reply="2026-01-26", correction="2026-01-07"),
    # 2027 is not loaded: Monday–Friday rule, so 2027-01-01 (Fri) counts. after 2026-12-10: 11(1)
    # 14–18(6) 21–25(11) 28–31(15) 2027-01-01(16) 04 05 06 07(20).  补正 (2026, loaded): 11 14–18 21.
    case(
        "due-in-2027-provisional",
        "2026-12-10",
        [],
        reply="2027-01-07",
        correction="2026-12-21",
        provisional=True,
    ),
    # — count_from_next_day off (the receipt day itself is day 1 when it is a working day) —
    # 09-26(1) 28*(2) 29(3) 30(4) 10-09(5) 10(6) 11*(7) 13(8) … so the 20th is one working day earlier
    # than the default: 10-29.  补正: the 7th is 10-11*.
    case(
        "same-day-counting-2025-national-day",
        "2025-09-26",
        [],
        reply="2025-10-29",
        correction="2025-10-11",
        settings=SAME_DAY,
    ),
    # received on a holiday (10-03): not a working day, so day 1 is 10-09 either way: 09 10 11*(3)
    # 13–17(8) 20–24(13) 27–31(18) 11-03 04(20).  补正: 09 10 11* 13 14 15 16 → 10-16.
    case(
        "same-day-counting-received-on-holiday",
        "2025-10-03",
        [],
        reply="2025-11-04",
        correction="2025-10-16",
        settings=SAME_DAY,
    ),
    # the default gives the same dates for a receipt on a holiday (see the previous case).
    case("next-day-counting-received-on-holiday", "2025-10-03", [], reply="2025-11-04", correction="2025-10-16"),
    # — 补正 —
    # 补正 received 10-13 restarts the clock: after 10-13: 14–17(4) 20–24(9) 27–31(14) 11-03–07(19)
    # 10(20).  The correction-notice date stays 7 after receipt: 10-13.
    case(
        "correction-restart-after-national-day",
        "2025-09-26",
        [ev(E.CORRECTION_REQUESTED, "2025-09-29"), ev(E.CORRECTION_RECEIVED, "2025-10-13")],
        reply="2025-11-10",
        correction="2025-10-13",
    ),
    # restart on 2026-02-13: 14*(1) [15–23 off] 24–27(5) 28*(6) 03-02–06(11) 09–13(16) 16–19(20).
    # 补正 from receipt 01-30: 02-02–06(5) 09 10 → 02-10.
    case(
        "correction-restart-over-2026-spring-festival",
        "2026-01-30",
        [ev(E.CORRECTION_REQUESTED, "2026-02-03"), ev(E.CORRECTION_RECEIVED, "2026-02-13")],
        reply="2026-03-19",
        correction="2026-02-10",
    ),
    # correction asked, not yet received: the reply date is shown from receipt. after 03-03 (2025):
    # 04–07(4) 10–14(9) 17–21(14) 24–28(19) 31(20).  补正: 04–07 10 11 12 → 03-12.
    case(
        "correction-awaited",
        "2025-03-03",
        [ev(E.CORRECTION_REQUESTED, "2025-03-05")],
        reply="2025-03-31",
        correction="2025-03-12",
    ),
    # same-day counting, 补正 received Fri 03-14 is day 1: 14(1) 17–21(6) 24–28(11) 31 04-01 02 03(15)
    # [04-04 清明 off] 07–11(20).  补正 notice: 03-03(1) 04–07(5) 10(6) 11(7).
    case(
        "same-day-counting-correction-restart",
        "2025-03-03",
        [ev(E.CORRECTION_REQUESTED, "2025-03-05"), ev(E.CORRECTION_RECEIVED, "2025-03-14")],
        reply="2025-04-11",
        correction="2025-03-11",
        settings=SAME_DAY,
    ),
    # — extensions —
    # reply 2025-03-31 (above) + 20: 04-01 02 03(3) [04 off] 07–11(8) 14–18(13) 21–25(18) 27*(19) 28(20).
    case(
        "extension-20-over-qingming-and-may-day-makeup",
        "2025-03-03",
        [ev(E.EXTENSION_APPROVED, "2025-03-25", days=20)],
        reply="2025-04-28",
        correction="2025-03-12",
    ),
    # after 2024-09-02: 03–06(4) 09–13(9) 14*(10) [16 17 off] 18 19 20(13) 23–27(18) 29*(19) 30(20);
    # +10: [10-01–07 off] 08–11(4) 12*(5) 14–18(10).  补正: 03–06 09 10 11 → 09-11.
    case(
        "extension-10-over-2024-national-day",
        "2024-09-02",
        [ev(E.EXTENSION_APPROVED, "2024-09-25", days=10)],
        reply="2024-10-18",
        correction="2024-09-11",
    ),
    # after 2025-06-03: 04 05 06(3) 09–13(8) 16–20(13) 23–27(18) 30(19) 07-01(20); +5+15=20:
    # 02 03 04(3) 07–11(8) 14–18(13) 21–25(18) 28 29(20).  补正: 04 05 06 09 10 11 12 → 06-12.
    case(
        "two-extensions-totalling-20",
        "2025-06-03",
        [ev(E.EXTENSION_APPROVED, "2025-06-20", days=5), ev(E.EXTENSION_APPROVED, "2025-06-30", days=15)],
        reply="2025-07-29",
        correction="2025-06-12",
    ),
    # approved on the due date itself (07-01) is still in time: 07-01 + 20 → 07-29 as above.
    case(
        "extension-approved-on-the-due-date",
        "2025-06-03",
        [ev(E.EXTENSION_APPROVED, "2025-07-01", days=20)],
        reply="2025-07-29",
        correction="2025-06-12",
    ),
    # after 2026-11-20: 23–27(5) 30(6) 12-01–04(10) 07–11(15) 14–18(20); +20 runs into unloaded 2027:
    # 21–25(5) 28–31(9) 2027-01-01(10) 04–08(15) 11–15(20).  补正: 23–27 30 12-01 → 12-01.
    case(
        "extension-into-2027-provisional",
        "2026-11-20",
        [ev(E.EXTENSION_APPROVED, "2026-12-10", days=20)],
        reply="2027-01-15",
        correction="2026-12-01",
        provisional=True,
    ),
    # — 征求意见 (第三十二条/第三十四条) —
    # counted 06-04 05 06 09 10(5); paused 06-11–06-20 (8 working days); 15 left after 06-20:
    # 23–27(5) 30 07-01–04(10) 07–11(15).  对方 due: after 06-10: 11 12 13(3) 16–20(8) 23–27(13) 30 07-01.
    case(
        "consultation-answered",
        "2025-06-03",
        [ev(E.CONSULTATION_SENT, "2025-06-10"), ev(E.CONSULTATION_ANSWERED, "2025-06-20")],
        reply="2025-07-11",
        correction="2025-06-12",
        consultation="2025-07-01",
    ),
    # sent 09-17 (2025), counted 09-16 17(2). 对方 due: 18 19 22–26(7) 28*(8) 29 30(10) 10-09 10(12)
    # 11*(13) 13 14(15) → 10-14; lapse recorded 10-15, 18 left after it: 16 17(2) 20–24(7) 27–31(12)
    # 11-03–07(17) 10(18).  补正: 16–19 22 23 24 → 09-24.
    case(
        "consultation-lapsed-over-national-day",
        "2025-09-15",
        [ev(E.CONSULTATION_SENT, "2025-09-17"), ev(E.CONSULTATION_LAPSED, "2025-10-15")],
        reply="2025-11-10",
        correction="2025-09-24",
        consultation="2025-10-14",
    ),
    # 对方 due after 2026-02-04: 05 06 09–13(7) 14*(8) [15–23 off] 24–27(12) 28*(13) 03-02 03(15);
    # lapse recorded that very day. counted 02-03 04(2), 18 left after 03-03: 04 05 06(3) 09–13(8)
    # 16–20(13) 23–27(18).  补正: 03–06 09 10 11 → 02-11.
    case(
        "consultation-lapsed-over-2026-spring-festival",
        "2026-02-02",
        [ev(E.CONSULTATION_SENT, "2026-02-04"), ev(E.CONSULTATION_LAPSED, "2026-03-03")],
        reply="2026-03-27",
        correction="2026-02-11",
        consultation="2026-03-03",
    ),
    # no answer yet: the pause is taken to last until 对方 due 07-01; 15 left after it:
    # 02 03 04(3) 07–11(8) 14–18(13) 21 22(15).
    case(
        "consultation-unanswered",
        "2025-06-03",
        [ev(E.CONSULTATION_SENT, "2025-06-10")],
        reply="2025-07-22",
        correction="2025-06-12",
        consultation="2025-07-01",
    ),
    # sent 06-24 with 15 counted (04 05 06 09–13 16–20 23 24); answered 07-15, after the old due
    # date 07-01: the 5 left run after 07-15: 16 17 18 21 22.  对方 due: 25 26 27 30 07-01–04 07–11 14 15.
    case(
        "consultation-running-past-the-old-due-date",
        "2025-06-03",
        [ev(E.CONSULTATION_SENT, "2025-06-24"), ev(E.CONSULTATION_ANSWERED, "2025-07-15")],
        reply="2025-07-22",
        correction="2025-06-12",
        consultation="2025-07-15",
    ),
    # sent 07-02, after the due date 07-01: no effect.  对方 due: 03 04 07–11 14–18 21 22 23 → 07-23.
    case(
        "consultation-after-the-due-date-changes-nothing",
        "2025-06-03",
        [ev(E.CONSULTATION_SENT, "2025-07-02"), ev(E.CONSULTATION_ANSWERED, "2025-07-10")],
        reply="2025-07-01",
        correction="2025-06-12",
        consultation="2025-07-23",
    ),
    # sent on the due date itself: that day is counted, the pause starts after it — no effect.
    # 对方 due: 02 03 04 07–11 14–18 21 22 → 07-22.
    case(
        "consultation-sent-on-the-due-date",
        "2025-06-03",
        [ev(E.CONSULTATION_SENT, "2025-07-01"), ev(E.CONSULTATION_ANSWERED, "2025-07-10")],
        reply="2025-07-01",
        correction="2025-06-12",
        consultation="2025-07-22",
    ),
    # two parties, overlapping: paused 06-11–06-20 once (8 working days) → 07-11 as one consultation.
    # reported 对方 due: the latest (乙, sent 06-12): 13 16–20 23–27 30 07-01 02 03 → 07-03.
    case(
        "two-consultations-overlapping",
        "2025-06-03",
        [
            ev(E.CONSULTATION_SENT, "2025-06-10", party="甲公司"),
            ev(E.CONSULTATION_SENT, "2025-06-12", party="乙机关"),
            ev(E.CONSULTATION_ANSWERED, "2025-06-13", party="甲公司"),
            ev(E.CONSULTATION_ANSWERED, "2025-06-20", party="乙机关"),
        ],
        reply="2025-07-11",
        correction="2025-06-12",
        consultation="2025-07-03",
    ),
    # 乙 unanswered: paused 06-11 through 乙's due 07-03; 15 left: 04 07–11 14–18 21–24 → 07-24.
    case(
        "two-consultations-one-open",
        "2025-06-03",
        [
            ev(E.CONSULTATION_SENT, "2025-06-10", party="甲公司"),
            ev(E.CONSULTATION_SENT, "2025-06-12", party="乙机关"),
            ev(E.CONSULTATION_ANSWERED, "2025-06-13", party="甲公司"),
        ],
        reply="2025-07-24",
        correction="2025-06-12",
        consultation="2025-07-03",
    ),
    # — fees (国办函〔2020〕109号) —
    # counted 04 05 06 09 10 11(6); paused 06-12–06-18 (12 13 16 17 18: 5); 14 left: 19 20 23–27(7)
    # 30 07-01–04(12) 07 08(14).  pay by: after 06-11: 12 13 16–20 23–27 30 07-01–04 07 08 09 → 07-09.
    case(
        "fee-wait-paused",
        "2025-06-03",
        [
            ev(E.FEE_NOTICE_SENT, "2025-06-09"),
            ev(E.FEE_NOTICE_DELIVERED, "2025-06-11"),
            ev(E.FEE_PAID, "2025-06-18"),
        ],
        reply="2025-07-08",
        correction="2025-06-12",
        fee="2025-07-09",
    ),
    # same events with the setting off: the reply date stays 07-01; pay by 07-09.
    case(
        "fee-wait-not-paused-setting-off",
        "2025-06-03",
        [
            ev(E.FEE_NOTICE_SENT, "2025-06-09"),
            ev(E.FEE_NOTICE_DELIVERED, "2025-06-11"),
            ev(E.FEE_PAID, "2025-06-18"),
        ],
        reply="2025-07-01",
        correction="2025-06-12",
        fee="2025-07-09",
        settings=OFF,
    ),
    # unpaid: paused through the last day to pay (07-09); 14 left: 10 11 14–18 21–25 28 29.
    case(
        "fee-unpaid",
        "2025-06-03",
        [ev(E.FEE_NOTICE_DELIVERED, "2025-06-11")],
        reply="2025-07-29",
        correction="2025-06-12",
        fee="2025-07-09",
    ),
    # 2025: counted 09-11 12 15–19 22 23 24(10); paused 25 26 28* 29 30 (5); 10 left after 09-30:
    # 10-09 10 11* 13–17 20 21.  pay by: after 09-24: 25 26 28* 29 30(5) 10-09 10 11*(8) 13–17(13)
    # 20–24(18) 27 28(20).  补正: 11 12 15–19 → 09-19.
    case(
        "fee-over-2025-national-day",
        "2025-09-10",
        [ev(E.FEE_NOTICE_DELIVERED, "2025-09-24"), ev(E.FEE_PAID, "2025-09-30")],
        reply="2025-10-21",
        correction="2025-09-19",
        fee="2025-10-28",
    ),
    # consultation 06-10→06-20 and fee wait 06-16→06-25 overlap: one pause 06-11–06-25 (11 working
    # days); 15 left: 26 27 30 07-01–04 07–11 14 15 16.  pay by after 06-16: 17–20 23–27 30–07-04
    # 07–11 14 → 07-14.
    case(
        "consultation-and-fee-overlapping",
        "2025-06-03",
        [
            ev(E.CONSULTATION_SENT, "2025-06-10"),
            ev(E.FEE_NOTICE_DELIVERED, "2025-06-16"),
            ev(E.CONSULTATION_ANSWERED, "2025-06-20"),
            ev(E.FEE_PAID, "2025-06-25"),
        ],
        reply="2025-07-16",
        correction="2025-06-12",
        fee="2025-07-14",
        consultation="2025-07-01",
    ),
    # — 第三十五条 and decisions —
    case(
        "later-date-announced",
        "2025-06-03",
        [ev(E.LATER_DATE_ANNOUNCED, "2025-06-20", due="2025-08-15")],
        reply="2025-08-15",
        correction="2025-06-12",
    ),
    # once announced, the date holds: a later consultation does not move it.  对方 due 07-22 (above).
    case(
        "later-date-holds-against-a-later-pause",
        "2025-06-03",
        [
            ev(E.LATER_DATE_ANNOUNCED, "2025-06-20", due="2025-08-15"),
            ev(E.CONSULTATION_SENT, "2025-07-01"),
            ev(E.CONSULTATION_ANSWERED, "2025-07-10"),
        ],
        reply="2025-08-15",
        correction="2025-06-12",
        consultation="2025-07-22",
    ),
    case(
        "decided-in-time",
        "2025-09-26",
        [ev(E.DECIDED, "2025-10-20")],
        reply="2025-10-30",
        correction="2025-10-13",
    ),
    # decided 06-20 while the consultation (sent 06-10) is open: the pause ends with the decision,
    # so the reply date is 07-11 as if answered that day.
    case(
        "decided-during-consultation",
        "2025-06-03",
        [ev(E.CONSULTATION_SENT, "2025-06-10"), ev(E.DECIDED, "2025-06-20")],
        reply="2025-07-11",
        correction="2025-06-12",
        consultation="2025-07-01",
    ),
    # the brief's example: 补正 restart → 11-10, then +20 from 11-11: 11–14(4) 17–21(9) 24–28(14)
    # 12-01–05(19) 08(20).
    case(
        "correction-restart-then-extension",
        "2025-09-26",
        [
            ev(E.CORRECTION_REQUESTED, "2025-09-29"),
            ev(E.CORRECTION_RECEIVED, "2025-10-13"),
            ev(E.EXTENSION_APPROVED, "2025-11-03", days=20),
        ],
        reply="2025-12-08",
        correction="2025-10-13",
    ),
]


@pytest.mark.parametrize(("received", "events", "settings", "expected"), SCENARIOS)
def test_scenario(calendar, received, events, settings, expected):
    result = compute_clock(D(received), events, settings or ClockSettings(), calendar)
    got = {key: getattr(result, key) for key in expected}
    assert got == expected
    assert result.explanation and all(isinstance(line, str) and line for line in result.explanation)


def test_there_are_at_least_thirty_scenarios():
    assert len(SCENARIOS) >= 30


def test_calendar_is_the_one_counted_on(calendar):
    """The notice facts the hand counts above rely on (the print-out, as assertions)."""
    makeup = [
        "2024-02-04", "2024-02-18", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ]  # fmt: skip
    weekday_holidays = [
        "2024-02-12", "2024-02-16", "2024-05-01", "2024-05-03", "2024-09-16", "2024-09-17", "2024-10-07",
        "2025-01-28", "2025-02-04", "2025-04-04", "2025-05-02", "2025-05-05", "2025-10-06", "2025-10-08",
        "2026-01-02", "2026-02-16", "2026-02-23", "2026-05-04", "2026-05-05", "2026-09-25", "2026-10-07",
    ]  # fmt: skip
    assert all(calendar.is_working_day(D(d)) for d in makeup)
    assert not any(calendar.is_working_day(D(d)) for d in weekday_holidays)
    assert calendar.is_working_day(D("2024-02-09"))  # 除夕 2024 was only "encouraged" off
    assert not calendar.is_loaded(2027) and calendar.is_working_day(D("2027-01-01"))  # Mon–Fri guess


# — explanation —


def test_explanation_names_receipt_holidays_and_makeup_days(calendar):
    text = compute_clock(D("2025-09-26"), [], ClockSettings(), calendar).explanation
    assert text[0].startswith("收到申请之日为 2025-09-26（星期五）")
    assert "跳过法定节假日 2025-10-01（星期三，国庆节）" in text
    assert "计入调休工作日 2025-09-28（星期日）" in text
    assert "计入调休工作日 2025-10-11（星期六）" in text
    assert any("答复期限为 2025-10-30（星期四）" in line for line in text)


def test_explanation_counts_the_pause(calendar):
    events = [ev(E.CONSULTATION_SENT, "2025-06-10"), ev(E.CONSULTATION_ANSWERED, "2025-06-20")]
    text = "\n".join(compute_clock(D("2025-06-03"), events, ClockSettings(), calendar).explanation)
    assert "2025-06-11 至 2025-06-20 暂停计时，其间 8 个工作日不计入答复期限，2025-06-21 起继续计算" in text


def test_explanation_says_a_late_pause_changes_nothing(calendar):
    events = [ev(E.CONSULTATION_SENT, "2025-07-02"), ev(E.CONSULTATION_ANSWERED, "2025-07-10")]
    text = "\n".join(compute_clock(D("2025-06-03"), events, ClockSettings(), calendar).explanation)
    assert "不影响答复期限" in text


def test_explanation_restart_extension_and_provisional_year(calendar):
    events = [
        ev(E.CORRECTION_REQUESTED, "2026-11-23"),
        ev(E.CORRECTION_RECEIVED, "2026-11-27"),
        ev(E.EXTENSION_APPROVED, "2026-12-15", days=15),
    ]
    result = compute_clock(D("2026-11-20"), events, ClockSettings(), calendar)
    text = "\n".join(result.explanation)
    assert "收到补正后的申请，答复期限自次日起重新计算 20 个工作日" in text
    assert "延长答复期限 15 个工作日" in text
    assert "2027年节假日安排尚未录入" in text
    assert result.provisional


def test_explanation_flags_late_decision(calendar):
    text = compute_clock(D("2025-09-26"), [ev(E.DECIDED, "2025-11-03")], ClockSettings(), calendar).explanation
    assert text[-1] == "2025-11-03（星期一）作出答复，超过答复期限 2 个工作日。"  # 10-31, 11-03


# — invalid scenarios —

INVALID = [
    pytest.param(
        [ev(cast(EventType, "reminder_sent"), "2025-06-05")],
        "未知的事件类型“reminder_sent”",
        id="unknown-event-type",
    ),
    pytest.param([ev(E.CONSULTATION_SENT, "2025-06-02")], "早于收到申请之日", id="event-before-receipt"),
    pytest.param(
        [ev(E.CONSULTATION_SENT, "2025-06-10"), ev(E.CONSULTATION_ANSWERED, "2025-06-09")],
        "事件须按日期先后排列",
        id="events-out-of-order",
    ),
    pytest.param(
        [ev(E.CORRECTION_RECEIVED, "2025-06-10")],
        "缺少 correction_requested",
        id="correction-received-unasked",
    ),
    pytest.param(
        [ev(E.CORRECTION_REQUESTED, "2025-06-04"), ev(E.CORRECTION_REQUESTED, "2025-06-06")],
        "补正只能一次性告知",
        id="second-correction-request",
    ),
    pytest.param(
        [
            ev(E.CORRECTION_REQUESTED, "2025-06-04"),
            ev(E.CORRECTION_RECEIVED, "2025-06-06"),
            ev(E.CORRECTION_RECEIVED, "2025-06-09"),
        ],
        "补正只有一次",
        id="second-correction-received",
    ),
    pytest.param(
        [ev(E.CONSULTATION_ANSWERED, "2025-06-10")],
        "缺少 consultation_sent",
        id="answer-without-consultation",
    ),
    pytest.param([ev(E.CONSULTATION_LAPSED, "2025-06-30")], "缺少 consultation_sent", id="lapse-without-consultation"),
    pytest.param(
        [ev(E.CONSULTATION_SENT, "2025-06-10"), ev(E.CONSULTATION_LAPSED, "2025-06-30")],
        "答复期限到 2025-07-01 才届满",
        id="consultation-lapsed-too-early",
    ),
    pytest.param(
        [
            ev(E.CONSULTATION_SENT, "2025-06-10", party="甲公司"),
            ev(E.CONSULTATION_ANSWERED, "2025-06-12", party="乙"),
        ],
        "没有向“乙”发出",
        id="answer-from-unknown-party",
    ),
    pytest.param(
        [
            ev(E.CONSULTATION_SENT, "2025-06-10", party="甲"),
            ev(E.CONSULTATION_SENT, "2025-06-11", party="乙"),
            ev(E.CONSULTATION_ANSWERED, "2025-06-12"),
        ],
        "请用 party 注明",
        id="answer-ambiguous-between-parties",
    ),
    pytest.param([ev(E.FEE_PAID, "2025-06-10")], "缺少 fee_notice_delivered", id="fee-paid-without-notice"),
    pytest.param(
        [ev(E.FEE_NOTICE_SENT, "2025-06-09"), ev(E.FEE_PAID, "2025-06-10")],
        "缺少 fee_notice_delivered",
        id="fee-paid-notice-never-delivered",
    ),
    pytest.param(
        [
            ev(E.FEE_NOTICE_DELIVERED, "2025-06-09"),
            ev(E.FEE_PAID, "2025-06-10"),
            ev(E.FEE_PAID, "2025-06-11"),
        ],
        "已于 2025-06-10 缴费",
        id="fee-paid-twice",
    ),
    pytest.param(
        [ev(E.FEE_NOTICE_DELIVERED, "2025-06-09"), ev(E.FEE_NOTICE_DELIVERED, "2025-06-10")],
        "只送达一次收费通知",
        id="fee-notice-delivered-twice",
    ),
    pytest.param([ev(E.EXTENSION_APPROVED, "2025-06-20")], "缺少延长的工作日数 days", id="extension-days-missing"),
    pytest.param([ev(E.EXTENSION_APPROVED, "2025-06-20", days=21)], "超过法定上限 20 个工作日", id="extension-over-20"),
    pytest.param([ev(E.EXTENSION_APPROVED, "2025-06-20", days=0)], "正整数", id="extension-zero-days"),
    pytest.param(
        [ev(E.EXTENSION_APPROVED, "2025-06-20", days=15), ev(E.EXTENSION_APPROVED, "2025-07-02", days=10)],
        "累计超过法定上限 20 个工作日",
        id="second-extension-beyond-20-in-total",
    ),
    pytest.param(
        [ev(E.EXTENSION_APPROVED, "2025-07-02", days=10)],
        "答复期限已于 2025-07-01 届满",
        id="extension-too-late",
    ),
    pytest.param(
        [ev(E.CORRECTION_REQUESTED, "2025-06-05"), ev(E.EXTENSION_APPROVED, "2025-06-10", days=10)],
        "正在等待补正",
        id="extension-while-awaiting-correction",
    ),
    pytest.param(
        [
            ev(E.LATER_DATE_ANNOUNCED, "2025-06-20", due="2025-08-15"),
            ev(E.EXTENSION_APPROVED, "2025-06-25", days=10),
        ],
        "第三十五条",
        id="extension-after-later-date",
    ),
    pytest.param([ev(E.LATER_DATE_ANNOUNCED, "2025-06-20")], "缺少确定的答复日期 due", id="later-date-without-due"),
    pytest.param(
        [ev(E.LATER_DATE_ANNOUNCED, "2025-06-20", due="2025-06-30")],
        "不晚于现行答复期限 2025-07-01",
        id="later-date-not-later",
    ),
    pytest.param(
        [ev(E.LATER_DATE_ANNOUNCED, "2025-07-02", due="2025-08-15")],
        "答复期限已于 2025-07-01 届满",
        id="later-date-announced-too-late",
    ),
    pytest.param(
        [ev(E.DECIDED, "2025-06-20"), ev(E.FEE_NOTICE_SENT, "2025-06-21")],
        "已于 2025-06-20 作出答复",
        id="event-after-decision",
    ),
    pytest.param([ev(E.CONSULTATION_SENT, "2025-06-10", days=5)], "只有延期", id="days-on-another-event"),
    pytest.param(
        [ev(E.CONSULTATION_SENT, "2025-06-10", due="2025-07-01")], "只有第三十五条", id="due-on-another-event"
    ),
]


@pytest.mark.parametrize(("events", "message"), INVALID)
def test_invalid_scenario(calendar, events, message):
    with pytest.raises(ScenarioError, match=message) as raised:
        compute_clock(D("2025-06-03"), events, ClockSettings(), calendar)
    assert raised.value.args[0].startswith("第")  # names the event by its position


@pytest.mark.parametrize(
    "settings",
    [
        ClockSettings(reply_days=0),
        ClockSettings(extension_max_days=-1),
        ClockSettings(count_from_next_day=cast(bool, 1)),
    ],
    ids=["zero-reply-days", "negative-extension", "non-bool-flag"],
)
def test_invalid_settings(calendar, settings):
    with pytest.raises(ScenarioError, match="设置 "):
        compute_clock(D("2025-06-03"), [], settings, calendar)


def test_the_outer_limit_is_data(calendar):
    """A different extension_max_days is honoured: the number lives in settings, not in code."""
    settings = ClockSettings(extension_max_days=30)
    result = compute_clock(D("2025-06-03"), [ev(E.EXTENSION_APPROVED, "2025-06-20", days=25)], settings, calendar)
    # 07-01 + 25: 02 03 04 07–11 14–18 21–25 28–31 08-01 04 05 → 08-05
    assert result.reply_due == D("2025-08-05")


# — JSON form —

EXAMPLE = {
    "received": "2025-09-26",
    "events": [
        {"type": "correction_requested", "date": "2025-09-29"},
        {"type": "correction_received", "date": "2025-10-13"},
        {"type": "consultation_sent", "date": "2025-10-20", "party": "某科技有限公司"},
        {"type": "consultation_answered", "date": "2025-10-24", "party": "某科技有限公司"},
        {"type": "extension_approved", "date": "2025-11-03", "days": 20},
        {"type": "fee_notice_delivered", "date": "2025-11-17"},
        {"type": "fee_paid", "date": "2025-11-19"},
    ],
    "settings": {"fee_wait_pauses_clock": True},
}


def test_json_round_trip(calendar):
    scenario = scenario_from_json(json.loads(json.dumps(EXAMPLE)))
    assert scenario.received == D("2025-09-26") and len(scenario.events) == 7
    assert scenario.events[4] == ClockEvent(E.EXTENSION_APPROVED, D("2025-11-03"), days=20)
    answer = answer_json(scenario.compute(calendar))
    # After the 补正 restart (10-13): counted 14 15 16 17 20(5); consultation paused 21–24 (4 days);
    # budget 40 → 35 left after 10-24: 27–31(5) 11-03–07(10) 10–14(15) 17(16); fee paused 18 19 (2);
    # 19 left after 11-19: 20 21(2) 24–28(7) 12-01–05(12) 08–12(17) 15 16(19).
    # 对方 due: after 10-20: 21–24 27–31 11-03–07 10 → 11-10.  pay by: after 11-17: 18–21 24–28
    # 12-01–05 08–12 15 → 12-15.
    assert {k: v for k, v in answer.items() if k != "explanation"} == {
        "reply_due": "2025-12-16",
        "correction_notice_due": "2025-10-13",
        "fee_payment_due": "2025-12-15",
        "consultation_reply_due": "2025-11-10",
        "provisional": False,
    }
    assert list(answer) == [
        "reply_due",
        "correction_notice_due",
        "fee_payment_due",
        "consultation_reply_due",
        "provisional",
        "explanation",
    ]
    assert isinstance(answer["explanation"], list) and all(isinstance(s, str) for s in answer["explanation"])
    assert json.loads(json.dumps(answer, ensure_ascii=False)) == answer


def test_json_defaults_and_nulls(calendar):
    scenario = scenario_from_json({"received": "2025-09-26"})
    assert scenario == Scenario(D("2025-09-26"))
    answer = answer_json(scenario.compute(calendar))
    assert answer["reply_due"] == "2025-10-30"
    assert answer["fee_payment_due"] is None and answer["consultation_reply_due"] is None
    assert answer["provisional"] is False


def test_json_settings_are_read(calendar):
    scenario = scenario_from_json(
        {"received": "2025-09-26", "settings": {"count_from_next_day": False, "reply_days": 15}}
    )
    assert scenario.settings == ClockSettings(count_from_next_day=False, reply_days=15)
    # same-day counting, 09-26 is day 1: 26 28* 29 30 10-09 10 11* 13–17(12) 20 21 22(15)
    assert scenario.compute(calendar).reply_due == D("2025-10-22")


MALFORMED = [
    pytest.param({"events": []}, "received", id="missing-received"),
    pytest.param({"received": "2025/09/26"}, "字段 received 应为 YYYY-MM-DD", id="received-bad-format"),
    pytest.param({"received": "2025-02-30"}, "字段 received 不是有效的日期", id="received-impossible-date"),
    pytest.param({"received": 20250926}, "字段 received", id="received-not-a-string"),
    pytest.param({"received": "2025-09-26", "events": {}}, "字段 events 应为数组", id="events-not-a-list"),
    pytest.param({"received": "2025-09-26", "events": ["x"]}, r"events\[0\]", id="event-not-an-object"),
    pytest.param(
        {"received": "2025-09-26", "events": [{"type": "correction_requested", "date": "29/09/2025"}]},
        r"events\[0\]（第1个事件） 的 date",
        id="event-bad-date",
    ),
    pytest.param(
        {"received": "2025-09-26", "events": [{"type": "correction_requested"}]},
        "缺少 date",
        id="event-missing-date",
    ),
    pytest.param({"received": "2025-09-26", "events": [{"date": "2025-09-29"}]}, "缺少 type", id="event-missing-type"),
    pytest.param(
        {"received": "2025-09-26", "events": [{"type": "appeal", "date": "2025-09-29"}]},
        "事件类型 type “appeal”未知",
        id="event-unknown-type",
    ),
    pytest.param(
        {"received": "2025-09-26", "events": [{"type": "decided", "date": "2025-09-29", "note": "x"}]},
        "未知字段：note",
        id="event-unknown-key",
    ),
    pytest.param(
        {
            "received": "2025-09-26",
            "events": [{"type": "extension_approved", "date": "2025-09-29", "days": "20"}],
        },
        "days 应为整数",
        id="event-days-not-integer",
    ),
    pytest.param(
        {
            "received": "2025-09-26",
            "events": [{"type": "later_date_announced", "date": "2025-09-29", "due": "soon"}],
        },
        "的 due 应为 YYYY-MM-DD",
        id="event-bad-due",
    ),
    pytest.param(
        {"received": "2025-09-26", "settings": {"pause_on_fees": True}},
        "settings.pause_on_fees",
        id="unknown-setting",
    ),
    pytest.param(
        {"received": "2025-09-26", "settings": {"fee_wait_pauses_clock": "yes"}},
        "字段 settings.fee_wait_pauses_clock 应为 true 或 false",
        id="setting-wrong-type",
    ),
    pytest.param({"received": "2025-09-26", "settings": {"reply_days": 0}}, "settings.reply_days", id="setting-zero"),
    pytest.param({"received": "2025-09-26", "status": "open"}, "未知字段：status", id="unknown-top-level-key"),
    pytest.param(["2025-09-26"], "JSON 对象", id="not-an-object"),
]


@pytest.mark.parametrize(("data", "message"), MALFORMED)
def test_malformed_json(data, message):
    with pytest.raises(ScenarioError, match=message):
        scenario_from_json(data)


def test_json_event_errors_surface_from_compute(calendar):
    scenario = scenario_from_json({"received": "2025-09-26", "events": [{"type": "fee_paid", "date": "2025-09-29"}]})
    with pytest.raises(ScenarioError, match="第1个事件（fee_paid，2025-09-29）：缴费前没有送达收费通知"):
        scenario.compute(calendar)


# — the pause arithmetic against a naive day-by-day count —


def _naive_reply_due(
    calendar: WorkingDayCalendar, base: date, budget: int, pauses: list[tuple[date, date]], same_day: bool
) -> date:
    """Walk day by day; count a working day unless some pause (start, end] covers it."""
    day, counted = base - timedelta(days=1) if same_day else base, 0
    while counted < budget:
        day += timedelta(days=1)
        if calendar.is_working_day(day) and not any(start < day <= end for start, end in pauses):
            counted += 1
    return day


@pytest.mark.parametrize("seed", range(200))
def test_pauses_agree_with_a_day_by_day_count(calendar, seed):
    rng = random.Random(seed)
    received = D("2024-01-02") + timedelta(days=rng.randrange(0, 900))
    timeline: list[tuple[date, int, ClockEvent]] = []
    pauses = []
    for n in range(rng.randrange(0, 4)):
        sent = received + timedelta(days=rng.randrange(0, 40))
        answered = sent + timedelta(days=rng.randrange(0, 30))
        party = f"第三方{n}"
        timeline += [
            (sent, 0, ev(E.CONSULTATION_SENT, sent.isoformat(), party=party)),
            (answered, 1, ev(E.CONSULTATION_ANSWERED, answered.isoformat(), party=party)),
        ]
        pauses.append((sent, answered))
    if rng.random() < 0.5:
        delivered = received + timedelta(days=rng.randrange(0, 40))
        paid = delivered + timedelta(days=rng.randrange(0, 25))
        timeline += [
            (delivered, 0, ev(E.FEE_NOTICE_DELIVERED, delivered.isoformat())),
            (paid, 1, ev(E.FEE_PAID, paid.isoformat())),
        ]
        pauses.append((delivered, paid))
    base = received
    if rng.random() < 0.3:  # a 补正 restart, possibly inside or after a pause
        asked = received + timedelta(days=rng.randrange(0, 8))
        base = asked + timedelta(days=rng.randrange(0, 20))
        timeline += [
            (asked, 0, ev(E.CORRECTION_REQUESTED, asked.isoformat())),
            (base, 1, ev(E.CORRECTION_RECEIVED, base.isoformat())),
        ]
    events = [event for _, _, event in sorted(timeline, key=lambda t: (t[0], t[1]))]
    same_day = rng.random() < 0.3
    result = compute_clock(received, events, ClockSettings(count_from_next_day=not same_day), calendar)
    assert result.reply_due == _naive_reply_due(calendar, base, 20, pauses, same_day)
