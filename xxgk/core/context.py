"""Who is acting and from where, for the audit trail, without threading ``request`` everywhere."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None


_NO_REQUEST = RequestContext()
current: ContextVar[RequestContext] = ContextVar("xxgk_request_context", default=_NO_REQUEST)
