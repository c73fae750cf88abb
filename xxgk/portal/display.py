"""Display preferences of the public site (长者模式), kept in a cookie so they work without JavaScript."""

from __future__ import annotations

from django.db import models

COOKIE = "xxgk_display"


class DisplayMode(models.TextChoices):
    STANDARD = "standard", "标准"
    LARGE = "large", "大字"
    ELDER = "elder", "长者模式"  # large text and high contrast


def mode_of(cookies) -> DisplayMode:
    value = cookies.get(COOKIE, "")
    return DisplayMode(value) if value in DisplayMode.values else DisplayMode.STANDARD
