from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from xxgk.core.context import RequestContext, current


class RequestContextMiddleware:
    """Remember the client address for audit events written while serving this request.

    REMOTE_ADDR is what the proxy (nginx) sets; it is trusted only there, never X-Forwarded-For.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current.set(RequestContext(ip_address=request.META.get("REMOTE_ADDR") or None))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
