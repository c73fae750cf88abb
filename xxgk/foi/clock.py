"""The statutory clock of 依申请公开: one pure function of receipt date, events, settings and calendar.

Every period the 条例 sets for an application (第三十条 补正, 第三十二条/第三十四条 征求意见,
第三十三条 答复与延期, 第三十五条 延迟答复, and the fee wait of 国办函〔2020〕109号) is computed here and
nowhere else, so the case page, reminders, the annual report and ``manage.py clock`` cannot disagree.
The result carries its own explanation in Chinese: an applicant must be able to check a deadline by hand.

How the reply period is counted — the rule this module implements, precisely:

* The reply period is a budget of *counted* working days: ``reply_days`` plus every approved extension.
  Counting starts the day after the trigger (receipt, or the 补正 received) unless the agency's setting
  ``count_from_next_day`` is off. The due date is the day on which the last day of the budget is counted,
  so an extension "adds its days after the due date it extends".
* A pause (征求意见; waiting for the fee when ``fee_wait_pauses_clock``) stops the clock at the end of
  the day it starts (征求意见书 sent / 收费通知 delivered) and lets it run again from the day after it ends
  (answer or lapse / payment): the working days in between are not counted. Hence a pause ending before
  the old due date moves it by the working days inside the pause; a pause still running at the old due
  date leaves the uncounted rest of the budget to run from the day after it ends; a pause starting on or
  after the due date does not move it. Overlapping pauses count once.
* A wait that has not ended is assumed to last until its own period runs out (the other party's
  15 working days, the applicant's 20 working days to pay), or until the decision if that is earlier.
* A 第三十五条 later date, once announced, is the reply date; nothing after it moves it.

Depends on ``xxgk.core.workdays`` only: no Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from xxgk.core.workdays import WEEKDAY_NAMES, CountResult, WorkingDayCalendar


class ScenarioError(ValueError):
    """Events that cannot have happened or that the 条例 forbids; the Chinese message names the problem."""


class EventType(StrEnum):
    """The closed set of case events the clock reads (style.md §5: one writer, typed names)."""

    CORRECTION_REQUESTED = "correction_requested"  # 补正告知书发出
    CORRECTION_RECEIVED = "correction_received"  # 收到补正后的申请
    EXTENSION_APPROVED = "extension_approved"  # 延期经负责人同意
    CONSULTATION_SENT = "consultation_sent"  # 征求意见书发出（第三方或其他机关）
    CONSULTATION_ANSWERED = "consultation_answered"
    CONSULTATION_LAPSED = "consultation_lapsed"  # 对方逾期未提出意见
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_NOTICE_DELIVERED = "fee_notice_delivered"
    FEE_PAID = "fee_paid"
    LATER_DATE_ANNOUNCED = "later_date_announced"  # 第三十五条：确定并告知延迟答复的期限
    DECIDED = "decided"  # 作出答复


@dataclass(frozen=True)
class ClockEvent:
    """One dated fact. ``days`` only for extensions, ``due`` only for a 第三十五条 later date."""

    type: EventType
    date: date
    days: int | None = None
    party: str | None = None  # who was consulted; pairs an answer with its 征求意见书
    due: date | None = None


@dataclass(frozen=True)
class ClockSettings:
    """The periods as data, so a change in the law is a change of numbers, not of code."""

    count_from_next_day: bool = True  # rules.md §2.3 setting: 期间自触发日次日起算
    fee_wait_pauses_clock: bool = True  # rules.md §2.3 setting: 收费通知送达至缴费期间不计入答复期限
    reply_days: int = 20  # 条例第三十三条第二款: 自收到申请之日起20个工作日内予以答复
    correction_notice_days: int = 7  # 条例第三十条: 7个工作日内一次性告知补正
    extension_max_days: int = 20  # 条例第三十三条第二款: 延长的期限最长不得超过20个工作日
    consultation_days: int = 15  # 条例第三十二条、第三十四条: 15个工作日内提出意见
    fee_payment_days: int = 20  # 国办函〔2020〕109号: 收到收费通知次日起20个工作日内缴纳


@dataclass(frozen=True)
class Scenario:
    """The clock's whole input except the calendar (the JSON form of ``manage.py clock``)."""

    received: date
    events: tuple[ClockEvent, ...] = ()
    settings: ClockSettings = field(default_factory=ClockSettings)

    def compute(self, calendar: WorkingDayCalendar) -> ClockResult:
        return compute_clock(self.received, self.events, self.settings, calendar)


@dataclass(frozen=True)
class ClockResult:
    reply_due: date
    correction_notice_due: date
    fee_payment_due: date | None
    consultation_reply_due: date | None
    provisional: bool  # some date lies in a year whose holiday notice is not loaded
    explanation: list[str]


def _day(d: date) -> str:
    """A date as the letters print it: 2025-10-30（星期四）."""
    return f"{d.isoformat()}（{WEEKDAY_NAMES[d.weekday()]}）"


@dataclass
class _Consultation:
    party: str | None
    sent: date
    reply_due: CountResult
    end: date | None = None  # answered or lapsed, as recorded

    @property
    def who(self) -> str:
        return f"“{self.party}”" if self.party else "第三方或其他机关"


@dataclass(frozen=True)
class _Pause:
    start: date  # the clock stops at the end of this day …
    end: date  # … and runs again the day after this one
    reason: str


@dataclass(frozen=True)
class _PauseEffect:
    first: date  # first day not counted
    end: date
    reasons: tuple[str, ...]
    not_counted: int | None  # None: the pause began on or after the due date


def _merge(pauses: Iterable[_Pause]) -> list[tuple[date, date, tuple[str, ...]]]:
    """Union of the pauses, so overlapping waits are not subtracted twice."""
    merged: list[tuple[date, date, tuple[str, ...]]] = []
    for p in sorted((p for p in pauses if p.end > p.start), key=lambda p: (p.start, p.end)):
        if merged and p.start <= merged[-1][1]:
            start, end, reasons = merged[-1]
            merged[-1] = (start, max(end, p.end), reasons if p.reason in reasons else (*reasons, p.reason))
        else:
            merged.append((p.start, p.end, (p.reason,)))
    return merged


def _count_with_pauses(
    calendar: WorkingDayCalendar, base: date, n: int, include_start: bool, pauses: Iterable[_Pause]
) -> tuple[date, list[CountResult], list[_PauseEffect]]:
    """The day on which the ``n``-th counted working day falls, skipping working days inside pauses.

    Returns the due date, one CountResult per counted stretch (their explanations name the holidays and
    调休 days that mattered) and what each pause did to the count.
    """
    merged = _merge(pauses)
    cursor, include, remaining = base, include_start, n
    segments: list[CountResult] = []
    effects: list[_PauseEffect] = []
    for position, (start, end, reasons) in enumerate(merged):
        first = cursor if include else cursor + timedelta(days=1)  # first day that may be counted
        if end < first:
            continue  # over before counting began (e.g. before a 补正 restarted the clock)
        if start < first:  # counting would begin inside the pause: begin after it instead
            skipped, _ = calendar.working_days_between(first - timedelta(days=1), end)
            effects.append(_PauseEffect(first, end, reasons, skipped))
            cursor, include = end, False
            continue
        available, _ = calendar.working_days_between(cursor, start)  # counted through the pause's first day
        available += include and calendar.is_working_day(cursor)
        if available >= remaining:  # budget spent before this pause: it and all later ones change nothing
            effects += [_PauseEffect(s + timedelta(days=1), e, r, None) for s, e, r in merged[position:]]
            break
        if available:
            segments.append(calendar.add_working_days(cursor, available, include_start=include))
        remaining -= available
        # 条例第三十三条第三款: 征求意见所需时间不计算在期限内 — stop after ``start``, resume after ``end``
        skipped, _ = calendar.working_days_between(start, end)
        effects.append(_PauseEffect(start + timedelta(days=1), end, reasons, skipped))
        cursor, include = end, False
    final = calendar.add_working_days(cursor, remaining, include_start=include)
    segments.append(final)
    return final.date, segments, effects


class _Run:
    """The state of one computation. Each event handler checks its preconditions before changing anything."""

    def __init__(self, received: date, settings: ClockSettings, calendar: WorkingDayCalendar) -> None:
        self.received, self.settings, self.calendar = received, settings, calendar
        self.include_start = not settings.count_from_next_day
        self.counts: list[CountResult] = []  # every count made, for ``provisional``
        self.lines: list[str] = []
        self.index, self.event = 0, ClockEvent(EventType.DECIDED, received)
        self.last = received
        self.base = received  # the day the reply period starts from
        self.correction_requested: date | None = None
        self.correction_received: date | None = None
        self.extension_total = 0
        self.consultations: list[_Consultation] = []
        self.fee_delivered: date | None = None
        self.fee_due: CountResult | None = None
        self.fee_paid: date | None = None
        self.announced_due: date | None = None
        self.decided: date | None = None
        # 条例第三十条: 自收到申请之日起7个工作日内一次性告知申请人作出补正
        self.correction_due = self._count(received, settings.correction_notice_days)
        start = "当日（当日为工作日的计为第1日）" if self.include_start else "次日"
        self.lines += [
            f"收到申请之日为 {_day(received)}，各期限自{start}起按工作日计算（条例第三十一条、第三十三条）。",
            f"补正告知期限：如申请内容不明确，应在 {_day(self.correction_due.date)}前（含当日）一次性告知"
            f"申请人补正，即收到申请后 {settings.correction_notice_days} 个工作日内（条例第三十条）。",
        ]

    # — helpers —

    def _count(self, start: date, n: int) -> CountResult:
        result = self.calendar.add_working_days(start, n, include_start=self.include_start)
        self.counts.append(result)
        return result

    def fail(self, problem: str) -> ScenarioError:
        return ScenarioError(f"第{self.index}个事件（{self.event.type}，{self.event.date}）：{problem}")

    def _awaiting_correction(self) -> bool:
        return self.correction_requested is not None and self.correction_received is None

    def _budget(self) -> int:
        return self.settings.reply_days + self.extension_total

    def _wait_end(self, period_end: date, until: date | None) -> date:
        """When an unfinished wait ends: at ``until`` while replaying events; at the end of its statutory
        period (or at the decision, if earlier) for the final answer."""
        if until is not None:
            return until
        return min(period_end, self.decided) if self.decided is not None else period_end

    def _pauses(self, until: date | None) -> list[_Pause]:
        pauses = [
            _Pause(
                c.sent,
                c.end or self._wait_end(c.reply_due.date, until),
                f"征求{c.who}意见（条例第三十三条第三款）",
            )
            for c in self.consultations
        ]
        if self.settings.fee_wait_pauses_clock and self.fee_delivered and self.fee_due:
            end = self.fee_paid or self._wait_end(self.fee_due.date, until)
            pauses.append(_Pause(self.fee_delivered, end, "等待缴费（本机关设置）"))
        return pauses

    def _reply_due_at(self, moment: date) -> date:
        """The reply date as known on ``moment`` (a wait still running counts as ending that day)."""
        if self.announced_due is not None:
            return self.announced_due
        due, _, _ = _count_with_pauses(
            self.calendar, self.base, self._budget(), self.include_start, self._pauses(moment)
        )
        return due

    def _match(self, party: str | None) -> _Consultation:
        """The 征求意见书 an answer or lapse belongs to: by party, or the only one still open."""
        open_ = [c for c in self.consultations if c.end is None]
        if party:
            matching = [c for c in open_ if c.party == party]
            if not matching:
                raise self.fail(f"没有向“{party}”发出且尚未结束的征求意见（缺少 consultation_sent）")
            return matching[0]
        if not open_:
            raise self.fail("此前没有发出且尚未结束的征求意见（缺少 consultation_sent）")
        if len(open_) > 1:
            raise self.fail("有多个尚未结束的征求意见，请用 party 注明是哪一方")
        return open_[0]

    # — events —

    def apply(self, index: int, event: ClockEvent) -> None:
        self.index, self.event = index, event
        try:
            kind = EventType(event.type)
        except ValueError:
            raise self.fail(f"未知的事件类型“{event.type}”") from None
        if not isinstance(event.date, date):
            raise self.fail("缺少日期或日期无效")
        if event.date < self.received:
            raise self.fail(f"日期早于收到申请之日 {self.received}")
        if event.date < self.last:
            raise self.fail(f"日期早于前一个事件的日期 {self.last}，事件须按日期先后排列")
        if self.decided is not None:
            raise self.fail(f"已于 {self.decided} 作出答复，此后不再有计时事件")
        if event.days is not None and kind != EventType.EXTENSION_APPROVED:
            raise self.fail("只有延期（extension_approved）可以填写天数 days")
        if event.due is not None and kind != EventType.LATER_DATE_ANNOUNCED:
            raise self.fail("只有第三十五条延迟答复（later_date_announced）可以填写答复日期 due")
        self.last = event.date
        getattr(self, f"_on_{kind.value}")(event)

    def _on_correction_requested(self, event: ClockEvent) -> None:
        if self.correction_requested is not None:  # 条例第三十条: 一次性告知
            raise self.fail(f"补正只能一次性告知，已于 {self.correction_requested} 发出过补正告知（条例第三十条）")
        self.correction_requested = event.date
        late = event.date > self.correction_due.date
        suffix = f"，晚于补正告知期限 {self.correction_due.date}" if late else ""
        self.lines.append(f"{_day(event.date)}发出补正告知书{suffix}。")

    def _on_correction_received(self, event: ClockEvent) -> None:
        if self.correction_requested is None:
            raise self.fail("收到补正，但此前没有发出补正告知（缺少 correction_requested）")
        if self.correction_received is not None:
            raise self.fail(f"已于 {self.correction_received} 收到补正，补正只有一次")
        self.correction_received = event.date
        self.base = event.date  # 条例第三十条: 答复期限自行政机关收到补正的申请之日起计算
        start = "当日" if self.include_start else "次日"
        self.lines.append(
            f"{_day(event.date)}收到补正后的申请，答复期限自{start}起重新计算"
            f" {self.settings.reply_days} 个工作日（条例第三十条）。"
        )

    def _on_extension_approved(self, event: ClockEvent) -> None:
        days, limit = event.days, self.settings.extension_max_days
        if days is None:
            raise self.fail("延期缺少延长的工作日数 days")
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise self.fail(f"延长的工作日数应为正整数，收到 {days!r}")
        if days > limit:  # 条例第三十三条第二款: 延长的期限最长不得超过20个工作日
            raise self.fail(f"延长 {days} 个工作日，超过法定上限 {limit} 个工作日（条例第三十三条第二款）")
        if self.extension_total + days > limit:
            raise self.fail(
                f"已延长 {self.extension_total} 个工作日，再延长 {days} 个工作日将累计超过法定上限"
                f" {limit} 个工作日（条例第三十三条第二款）"
            )
        if self.announced_due is not None:
            raise self.fail("已按条例第三十五条确定延迟答复的期限，不能再延期")
        if self._awaiting_correction():
            raise self.fail("正在等待补正，答复期限尚未重新起算，不能延期")
        current = self._reply_due_at(event.date)
        if event.date > current:
            raise self.fail(f"延期须在答复期限届满前批准，答复期限已于 {current} 届满")
        self.extension_total += days  # 条例第三十三条第二款: counted on after the due date it extends
        self.lines.append(
            f"{_day(event.date)}经批准延长答复期限 {days} 个工作日，自原答复期限 {current} 次日起接续计算"
            f"（条例第三十三条第二款：经政府信息公开工作机构负责人同意并告知申请人，最长 {limit} 个工作日）。"
        )

    def _on_consultation_sent(self, event: ClockEvent) -> None:
        # 条例第三十二条、第三十四条: 自收到征求意见书之日起15个工作日内提出意见
        reply_due = self._count(event.date, self.settings.consultation_days)
        consultation = _Consultation(event.party, event.date, reply_due)
        self.consultations.append(consultation)
        self.lines.append(
            f"{_day(event.date)}向{consultation.who}发出征求意见书，对方应在"
            f" {self.settings.consultation_days} 个工作日内提出意见，按发出之日计算至 {_day(reply_due.date)}"
            "（条例第三十二条、第三十四条）；征求意见所需时间不计入答复期限（条例第三十三条第三款）。"
        )

    def _on_consultation_answered(self, event: ClockEvent) -> None:
        consultation = self._match(event.party)
        consultation.end = event.date
        self.lines.append(f"{_day(event.date)}收到{consultation.who}的意见。")

    def _on_consultation_lapsed(self, event: ClockEvent) -> None:
        consultation = self._match(event.party)
        if event.date < consultation.reply_due.date:
            raise self.fail(
                f"{consultation.who}的答复期限到 {consultation.reply_due.date} 才届满，不能记为逾期未提出意见"
            )
        consultation.end = event.date
        self.lines.append(
            f"{_day(event.date)}记录{consultation.who}逾期未提出意见"
            "（条例第三十二条：由行政机关决定是否公开；第三十四条：视为同意公开）。"
        )

    def _on_fee_notice_sent(self, event: ClockEvent) -> None:
        if self.fee_delivered is not None:
            raise self.fail(f"收费通知已于 {self.fee_delivered} 送达，不能再次发出")
        self.lines.append(f"{_day(event.date)}发出收费通知（国办函〔2020〕109号：应在答复期限内发出）。")

    def _on_fee_notice_delivered(self, event: ClockEvent) -> None:
        if self.fee_delivered is not None:
            raise self.fail(f"收费通知已于 {self.fee_delivered} 送达，一件申请只送达一次收费通知")
        self.fee_delivered = event.date
        # 国办函〔2020〕109号: 收到收费通知的次日起20个工作日内缴纳，逾期未缴纳的视为放弃申请
        self.fee_due = self._count(event.date, self.settings.fee_payment_days)
        pause = (
            "；等待缴费期间不计入答复期限（本机关设置）"
            if self.settings.fee_wait_pauses_clock
            else "；按本机关设置，等待缴费期间照常计算答复期限"
        )
        self.lines.append(
            f"{_day(event.date)}申请人收到收费通知，应在 {_day(self.fee_due.date)}前（含当日）缴纳费用，"
            f"逾期未缴纳的视为放弃申请（国办函〔2020〕109号）{pause}。"
        )

    def _on_fee_paid(self, event: ClockEvent) -> None:
        if self.fee_delivered is None or self.fee_due is None:
            raise self.fail("缴费前没有送达收费通知（缺少 fee_notice_delivered）")
        if self.fee_paid is not None:
            raise self.fail(f"已于 {self.fee_paid} 缴费")
        self.fee_paid = event.date
        late = event.date > self.fee_due.date
        suffix = f"，已超过缴费期限 {self.fee_due.date}（逾期未缴纳的视为放弃申请）" if late else ""
        self.lines.append(f"{_day(event.date)}申请人缴纳费用{suffix}。")

    def _on_later_date_announced(self, event: ClockEvent) -> None:
        if event.due is None:
            raise self.fail("第三十五条延迟答复缺少确定的答复日期 due")
        if not isinstance(event.due, date):
            raise self.fail("确定的答复日期 due 无效")
        if self._awaiting_correction():
            raise self.fail("正在等待补正，答复期限尚未重新起算，不能确定延迟答复期限")
        current = self._reply_due_at(event.date)
        if event.date > current:
            raise self.fail(f"延迟答复须在答复期限届满前告知，答复期限已于 {current} 届满")
        if event.due <= current:
            raise self.fail(f"确定的答复日期 {event.due} 不晚于现行答复期限 {current}，不是延迟答复")
        self.announced_due = event.due  # 条例第三十五条: 确定延迟答复的合理期限并告知申请人
        self.lines.append(
            f"{_day(event.date)}告知申请人：申请的数量、频次明显超过合理范围，答复期限由 {current}"
            f" 延至 {_day(event.due)}（条例第三十五条）；此后的事件不再改变答复期限。"
        )

    def _on_decided(self, event: ClockEvent) -> None:
        self.decided = event.date

    # — result —

    def finish(self) -> ClockResult:
        self.lines += self._waiting_lines()
        if self.announced_due is not None:
            reply_due = self.announced_due
            self.lines.append(f"答复期限为 {_day(reply_due)}（条例第三十五条确定的延迟答复期限）。")
        else:
            reply_due, segments, effects = _count_with_pauses(
                self.calendar, self.base, self._budget(), self.include_start, self._pauses(None)
            )
            self.counts += segments
            self.lines += [_pause_line(effect, reply_due) for effect in effects]
            extended = f"（含延长的 {self.extension_total} 个工作日）" if self.extension_total else ""
            self.lines.append(
                f"答复期限为 {_day(reply_due)}：计满 {self._budget()} 个工作日{extended}（条例第三十三条）。"
            )
            for segment in segments:
                self.lines += [line for line in segment.explanation() if line not in self.lines]
        for result in self.counts:  # unloaded years behind the other dates too
            for line in result.explanation():
                if "尚未录入" in line and line not in self.lines:
                    self.lines.append(line)
        if self.decided is not None:
            self.lines.append(self._decided_line(reply_due))
        open_ = [c for c in self.consultations if c.end is None]
        reported = max(open_ or self.consultations, key=lambda c: c.sent, default=None)
        return ClockResult(
            reply_due=reply_due,
            correction_notice_due=self.correction_due.date,
            fee_payment_due=self.fee_due.date if self.fee_due else None,
            consultation_reply_due=reported.reply_due.date if reported else None,
            provisional=any(result.provisional for result in self.counts),
            explanation=self.lines,
        )

    def _waiting_lines(self) -> list[str]:
        """Say which assumption stands in for an event that has not happened yet."""
        lines = []
        if self._awaiting_correction():
            lines.append(
                f"已于 {self.correction_requested} 发出补正告知，尚未收到补正：收到补正后答复期限重新计算，"
                "以下暂按收到申请之日计算；申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）。"
            )
        for c in self.consultations:
            if c.end is None and (self.decided is None or self.decided >= c.reply_due.date):
                lines.append(
                    f"未记录收到{c.who}的意见，按其提出意见的期限 {c.reply_due.date} 届满计算；"
                    "收到意见后答复期限相应重算。"
                )
        if self.fee_due and self.fee_paid is None and self.settings.fee_wait_pauses_clock:
            if self.decided is None or self.decided >= self.fee_due.date:
                lines.append(
                    f"未记录缴费，按缴费期限 {self.fee_due.date} 届满计算；"
                    "逾期未缴纳的视为放弃申请，不再处理（国办函〔2020〕109号）。"
                )
        return lines

    def _decided_line(self, reply_due: date) -> str:
        decided = self.decided or reply_due
        if decided <= reply_due:
            return f"{_day(decided)}作出答复，在答复期限内。"
        late, _ = self.calendar.working_days_between(reply_due, decided)
        return f"{_day(decided)}作出答复，超过答复期限 {late} 个工作日。"


def _pause_line(effect: _PauseEffect, reply_due: date) -> str:
    reasons = "、".join(effect.reasons)
    if effect.not_counted is None:
        return f"{reasons}开始于答复期限 {reply_due} 当日或之后，不影响答复期限。"
    return (
        f"{reasons}：{effect.first} 至 {effect.end} 暂停计时，其间 {effect.not_counted} 个工作日"
        f"不计入答复期限，{effect.end + timedelta(days=1)} 起继续计算。"
    )


def _check_settings(settings: ClockSettings) -> None:
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(f.default, bool):
            if not isinstance(value, bool):
                raise ScenarioError(f"设置 {f.name} 应为 true 或 false，收到 {value!r}")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ScenarioError(f"设置 {f.name} 应为正整数（工作日数），收到 {value!r}")


def compute_clock(
    received: date,
    events: Sequence[ClockEvent],
    settings: ClockSettings,
    calendar: WorkingDayCalendar,
) -> ClockResult:
    """Every deadline of one application, with its explanation; ScenarioError for impossible input."""
    _check_settings(settings)
    run = _Run(received, settings, calendar)
    for index, event in enumerate(events, start=1):
        run.apply(index, event)
    return run.finish()


# — the JSON form of ``manage.py clock FILE`` —

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EVENT_KEYS = frozenset({"type", "date", "days", "party", "due"})


def _json_date(value: Any, name: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ScenarioError(f"字段 {name} 应为 YYYY-MM-DD 格式的日期，收到 {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(f"字段 {name} 不是有效的日期：{value}") from None


def _json_event(item: Any, position: int) -> ClockEvent:
    name = f"events[{position}]（第{position + 1}个事件）"
    if not isinstance(item, Mapping):
        raise ScenarioError(f'字段 {name} 应为对象，如 {{"type": …, "date": …}}')
    unknown = sorted(set(item) - _EVENT_KEYS)
    if unknown:
        raise ScenarioError(f"字段 {name} 含有未知字段：{'、'.join(map(str, unknown))}")
    if "type" not in item:
        raise ScenarioError(f"字段 {name} 缺少 type")
    try:
        kind = EventType(item["type"])
    except ValueError:
        raise ScenarioError(f"字段 {name} 的事件类型 type “{item['type']}”未知") from None
    if "date" not in item:
        raise ScenarioError(f"字段 {name} 缺少 date")
    days = item.get("days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool)):
        raise ScenarioError(f"字段 {name} 的 days 应为整数，收到 {days!r}")
    party = item.get("party")
    if party is not None and not isinstance(party, str):
        raise ScenarioError(f"字段 {name} 的 party 应为文字，收到 {party!r}")
    due = item.get("due")
    return ClockEvent(
        type=kind,
        date=_json_date(item["date"], f"{name} 的 date"),
        days=days,
        party=party or None,
        due=_json_date(due, f"{name} 的 due") if due is not None else None,
    )


def _json_settings(data: Any) -> ClockSettings:
    if not isinstance(data, Mapping):
        raise ScenarioError("字段 settings 应为对象")
    known = {f.name: f for f in fields(ClockSettings)}
    for key in data:
        if key not in known:
            raise ScenarioError(f"字段 settings.{key} 是未知的设置项（可用：{'、'.join(known)}）")
    settings = ClockSettings(**data)
    try:
        _check_settings(settings)
    except ScenarioError as error:
        raise ScenarioError(str(error).replace("设置 ", "字段 settings.", 1)) from None
    return settings


def scenario_from_json(data: dict[str, Any]) -> Scenario:
    """A Scenario from parsed JSON; ScenarioError names the offending field."""
    if not isinstance(data, Mapping):
        raise ScenarioError("内容应为 JSON 对象，含 received、events、settings")
    unknown = sorted(set(data) - {"received", "events", "settings"})
    if unknown:
        raise ScenarioError(f"含有未知字段：{'、'.join(map(str, unknown))}")
    if "received" not in data:
        raise ScenarioError("字段 received（收到申请之日）缺失")
    events = data.get("events", [])
    if not isinstance(events, list):
        raise ScenarioError("字段 events 应为数组")
    return Scenario(
        received=_json_date(data["received"], "received"),
        events=tuple(_json_event(item, position) for position, item in enumerate(events)),
        settings=_json_settings(data.get("settings", {})),
    )


def answer_json(result: ClockResult) -> dict[str, Any]:
    """The result as ``manage.py clock`` prints it."""

    def iso(d: date | None) -> str | None:
        return d.isoformat() if d is not None else None

    return {
        "reply_due": result.reply_due.isoformat(),
        "correction_notice_due": result.correction_notice_due.isoformat(),
        "fee_payment_due": iso(result.fee_payment_due),
        "consultation_reply_due": iso(result.consultation_reply_due),
        "provisional": result.provisional,
        "explanation": list(result.explanation),
    }
