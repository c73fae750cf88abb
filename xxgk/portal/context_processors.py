from django.conf import settings
from django.http import HttpRequest

from xxgk.core.statutory import DISCLOSURE_COLUMN
from xxgk.portal.display import DisplayMode, mode_of


def site(request: HttpRequest) -> dict:
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "display_mode": mode_of(request.COOKIES),
        "display_modes": DisplayMode,
        "disclosure_column": DISCLOSURE_COLUMN,
    }
