"""State as a pure function of events (no database)."""

from __future__ import annotations

import pytest

from xxgk.foi.states import derive_state
from xxgk.foi.vocabulary import CaseState as S

R = ("received", {"received_on": "2025-09-26"})
R_WAIT = ("received", {"received_on": None, "awaiting_confirmation": True})


@pytest.mark.parametrize(
    ("events", "state"),
    [
        ([R_WAIT], S.WAITING_CONFIRMATION),
        ([R_WAIT, ("confirmation_attempted", {}), ("confirmed", {})], S.OPEN),
        ([R], S.OPEN),
        ([R, ("correction_requested", {})], S.WAITING_CORRECTION),
        ([R, ("correction_requested", {}), ("correction_received", {})], S.OPEN),
        ([R, ("consultation_sent", {"party": "甲"}), ("consultation_sent", {"party": "乙"})], S.IN_CONSULTATION),
        (
            [
                R,
                ("consultation_sent", {"party": "甲"}),
                ("consultation_sent", {"party": "乙"}),
                ("consultation_answered", {"party": "甲"}),
            ],
            S.IN_CONSULTATION,
        ),
        (
            [R, ("consultation_sent", {"party": "甲"}), ("consultation_lapsed", {"party": "甲"})],
            S.OPEN,
        ),
        ([R, ("fee_notice_sent", {}), ("fee_notice_delivered", {})], S.WAITING_FEE),
        ([R, ("fee_notice_sent", {}), ("fee_notice_delivered", {}), ("fee_paid", {})], S.OPEN),
        ([R, ("consultation_sent", {"party": "甲"}), ("fee_notice_sent", {})], S.WAITING_FEE),
        ([R, ("decided", {})], S.DECIDED),
        ([R, ("decided", {}), ("closed", {})], S.CLOSED),
        ([R, ("correction_requested", {}), ("decided", {}), ("closed", {}), ("reopened", {})], S.OPEN),
        ([R, ("assigned", {}), ("extension_requested", {"days": 5}), ("extension_approved", {})], S.OPEN),
    ],
)
def test_state_from_events(events, state):
    assert derive_state(events) == state


def test_every_clock_event_is_a_case_event_under_the_same_name():
    from xxgk.foi.clock import EventType
    from xxgk.foi.vocabulary import CaseEventType

    assert {e.value for e in EventType} <= set(CaseEventType.values)
