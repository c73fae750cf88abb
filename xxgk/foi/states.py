"""A case's state as a pure function of its events (style.md §4: derived state is computed).

The cached ``Case.state`` column is this function's answer, refreshed by the service that appends
an event; the work lists query the column, the services guard transitions with this function.
No database: the input is the ordered list of ``(type, payload)`` pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xxgk.foi.vocabulary import CaseEventType as T
from xxgk.foi.vocabulary import CaseState


@dataclass
class Facts:
    """What the events say about the case, beyond its state."""

    received: bool = False
    awaiting_confirmation: bool = False
    correction_requested: bool = False
    awaiting_correction: bool = False
    open_consultations: dict[str, int] = field(default_factory=dict)  # party → letters still unanswered
    fee_notice_sent: bool = False
    awaiting_fee: bool = False
    fee_paid: bool = False
    extension_requested: bool = False
    extension_approved: bool = False
    later_date_announced: bool = False
    decided: bool = False
    closed: bool = False

    @property
    def consulting(self) -> bool:
        return any(self.open_consultations.values())

    @property
    def state(self) -> CaseState:
        if self.closed:
            return CaseState.CLOSED
        if self.decided:
            return CaseState.DECIDED
        if self.awaiting_confirmation:
            return CaseState.WAITING_CONFIRMATION
        if self.awaiting_correction:
            return CaseState.WAITING_CORRECTION
        if self.awaiting_fee:
            return CaseState.WAITING_FEE
        if self.consulting:
            return CaseState.IN_CONSULTATION
        return CaseState.OPEN


def facts(events: Iterable[tuple[str, Mapping[str, Any]]]) -> Facts:
    f = Facts()
    for kind, payload in events:
        match kind:
            case T.RECEIVED:
                f.received = True
                f.awaiting_confirmation = bool(payload.get("awaiting_confirmation"))
            case T.CONFIRMED:
                f.awaiting_confirmation = False
            case T.CORRECTION_REQUESTED:
                f.correction_requested = f.awaiting_correction = True
            case T.CORRECTION_RECEIVED:
                f.awaiting_correction = False
            case T.EXTENSION_REQUESTED:
                f.extension_requested = True
            case T.EXTENSION_APPROVED:
                f.extension_requested, f.extension_approved = False, True
            case T.EXTENSION_REFUSED:
                f.extension_requested = False
            case T.CONSULTATION_SENT:
                party = payload.get("party", "")
                f.open_consultations[party] = f.open_consultations.get(party, 0) + 1
            case T.CONSULTATION_ANSWERED | T.CONSULTATION_LAPSED:
                party = payload.get("party", "")
                if f.open_consultations.get(party):
                    f.open_consultations[party] -= 1
            case T.FEE_NOTICE_SENT:
                f.fee_notice_sent = f.awaiting_fee = True
            case T.FEE_PAID:
                f.awaiting_fee, f.fee_paid = False, True
            case T.LATER_DATE_ANNOUNCED:
                f.later_date_announced = True
            case T.DECIDED:
                f.decided = True
            case T.CLOSED:
                f.closed = True
            case T.REOPENED:
                # The decision is withdrawn and every wait it ended is over: handling starts again.
                f.decided = f.closed = f.awaiting_correction = f.awaiting_fee = False
                f.open_consultations.clear()
    return f


def derive_state(events: Iterable[tuple[str, Mapping[str, Any]]]) -> CaseState:
    return facts(events).state
