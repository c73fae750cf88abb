"""Who may resolve screening findings, on top of core's agency scoping."""

from __future__ import annotations

from xxgk.core import permissions as core
from xxgk.core.models import Agency, Role

# 说明理由保留 is a reviewer's judgement (rules.md §1.5: "until a reviewer clears them"), never the drafter's.
REVIEWER_ROLES = (Role.SECTION_REVIEWER, Role.SECRECY_REVIEWER, Role.LEADER)


def can_justify(user, agency: Agency) -> bool:
    return core.has_role(user, agency, *REVIEWER_ROLES) or bool(user and user.is_active and user.is_superuser)


def can_view_findings(user, agency: Agency) -> bool:
    return core.can_view_agency_internal(user, agency)
