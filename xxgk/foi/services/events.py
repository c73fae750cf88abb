"""The one writer of case events, and everything derived from them (state, the clock, the caches).

Every use case in this package ends in :func:`append`: it checks the date order, lets the statutory
clock validate the new event (the same ``clock.compute_clock`` that ``manage.py clock`` runs, so a step
the 条例 forbids is refused with the clock's own Chinese message), writes the event, refreshes the
cached state and due date, and records the audit event — all inside the caller's transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from xxgk.core import audit
from xxgk.core.calendar import load_calendar
from xxgk.core.workdays import WorkingDayCalendar
from xxgk.foi import permissions
from xxgk.foi.clock import ClockEvent, ClockResult, ClockSettings, EventType, ScenarioError, compute_clock
from xxgk.foi.models import Case, CaseEvent
from xxgk.foi.states import Facts, facts
from xxgk.foi.vocabulary import CaseEventType, CaseState

CLOCK_TYPES = frozenset(e.value for e in EventType)


def _event_actions():
    members = [(t.name, (f"foi.{t.value}", t.label)) for t in CaseEventType]
    members += [
        ("REMEDY_RECORDED", ("foi.remedy_recorded", "登记复议诉讼")),
        ("REMEDY_UPDATED", ("foi.remedy_updated", "更新复议诉讼结果")),
    ]
    return models.TextChoices("FoiAction", members)


# One audit action per event type (foi.<event>) plus the remedies register.
FoiAction = audit.register_actions(_event_actions())


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_handler(actor, case: Case) -> None:
    require(permissions.can_handle_case(actor, case), "您不是该机关的依申请公开承办人员，不能办理此申请。")


def today() -> date:
    return timezone.localdate()


# — reading the events —


def event_pairs(case: Case) -> list[tuple[str, dict]]:
    return [(e.type, e.payload) for e in case.events.order_by("date", "id")]


def case_facts(case: Case) -> Facts:
    return facts(event_pairs(case))


def _clock_input(rows: list[tuple[str, date, dict]]) -> tuple[date | None, list[ClockEvent]]:
    """The clock's scenario from a case's events: receipt date and the clock-relevant events.

    A decision withdrawn by a later ``reopened`` is left out, so the reopened case's clock runs on.
    """
    received: date | None = None
    reopened_at = max((i for i, (kind, _, _) in enumerate(rows) if kind == CaseEventType.REOPENED), default=-1)
    events: list[ClockEvent] = []
    for i, (kind, on, payload) in enumerate(rows):
        if kind == CaseEventType.RECEIVED and payload.get("received_on"):
            received = date.fromisoformat(payload["received_on"])
        elif kind == CaseEventType.CONFIRMED:
            received = on
        elif kind in CLOCK_TYPES and not (kind == CaseEventType.DECIDED and i < reopened_at):
            due = payload.get("due")
            events.append(
                ClockEvent(
                    EventType(kind),
                    on,
                    days=payload.get("days"),
                    party=payload.get("party"),
                    due=date.fromisoformat(due) if due else None,
                )
            )
    return received, events


def clock_settings(case: Case) -> ClockSettings:
    agency = case.agency
    return ClockSettings(
        count_from_next_day=agency.count_from_next_day, fee_wait_pauses_clock=agency.fee_wait_pauses_clock
    )


def _rows(case: Case) -> list[tuple[str, date, dict]]:
    return [(e.type, e.date, e.payload) for e in case.events.order_by("date", "id")]


def case_clock(case: Case, calendar: WorkingDayCalendar | None = None) -> ClockResult | None:
    """The statutory clock of a case (None while receipt is unconfirmed): the same pure function as
    ``manage.py clock``, fed with the case's events, its agency's settings and the database calendar."""
    received, events = _clock_input(_rows(case))
    if received is None:
        return None
    return compute_clock(received, events, clock_settings(case), calendar or load_calendar())


def case_scenario_json(case: Case) -> dict[str, Any] | None:
    """The case as a ``manage.py clock`` scenario, so anyone can re-check its due date by hand."""
    received, events = _clock_input(_rows(case))
    if received is None:
        return None
    items = []
    for e in events:
        item: dict[str, Any] = {"type": e.type.value, "date": e.date.isoformat()}
        item |= {k: v for k, v in (("days", e.days), ("party", e.party)) if v is not None}
        if e.due:
            item["due"] = e.due.isoformat()
        items.append(item)
    s = clock_settings(case)
    return {
        "received": received.isoformat(),
        "events": items,
        "settings": {"count_from_next_day": s.count_from_next_day, "fee_wait_pauses_clock": s.fee_wait_pauses_clock},
    }


# — writing —


def _check_date(case: Case, on: date) -> None:
    if on > today():
        raise ValidationError({"on": f"日期 {on} 晚于今天，不能登记尚未发生的事。"})
    last = case.events.order_by("-date", "-id").values_list("date", flat=True).first()
    if last is not None and on < last:
        raise ValidationError({"on": f"日期 {on} 早于本案上一个事件的日期 {last}，事件须按时间先后登记。"})


def append(
    actor,
    case: Case,
    kind: CaseEventType,
    on: date,
    *,
    note: str = "",
    payload: dict | None = None,
    changes: dict | None = None,
) -> CaseEvent:
    """Validate and append one event, refresh the caches, audit it. Call inside ``transaction.atomic``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events.append must run inside the service's transaction")
    payload = payload or {}
    _check_date(case, on)
    rows = [*_rows(case), (kind.value, on, payload)]
    received, events = _clock_input(rows)
    if received is not None and kind.value in CLOCK_TYPES | {CaseEventType.CONFIRMED}:
        try:
            compute_clock(received, events, clock_settings(case), load_calendar())
        except ScenarioError as error:
            raise ValidationError(str(error).split("：", 1)[-1]) from None
    event = CaseEvent.objects.create(case=case, type=kind, date=on, actor=_user(actor), note=note, payload=payload)
    refresh(case)
    audit.record(f"foi.{kind.value}", actor=actor, agency=case.agency, target=case, changes=changes or {}, note=note)
    return event


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def refresh(case: Case) -> None:
    """Recompute the cached state and due date from the events (the work lists read these columns)."""
    case.state = facts(event_pairs(case)).state
    result = case_clock(case)
    case.reply_due = result.reply_due if result else None
    case.reply_due_provisional = bool(result and result.provisional)
    case.save(update_fields=["state", "reply_due", "reply_due_provisional", "received_on", "handler", "agency"])


def require_state(case: Case, *allowed: CaseState, doing: str) -> Facts:
    f = case_facts(case)
    if f.state not in allowed:
        raise ValidationError(f"本申请当前状态为“{CaseState(f.state).label}”，不能{doing}。")
    return f
