"""A self-hosted CAPTCHA for the public application form — no third-party service, nothing downloaded.

The challenge is a small sum (e.g. 7 + 5). It is shown twice: as a PNG drawn by Pillow with a system
font (digits with noise lines), and as a text question in Chinese numerals (“七加五等于几？”) for
screen-reader users and anyone who cannot read the image — the accessible alternative, equally
answerable. It stops scripted bulk submissions, not a determined human; the per-IP rate limit
(``foi.public``) is the real brake.

The answer lives only in the cache, under a random nonce; the page carries the nonce signed with a
timestamp (``django.core.signing``), so a token is tamper-proof, expires after ``MAX_AGE`` seconds and
is deleted on its first check (single use, right or wrong).
"""

from __future__ import annotations

import io
import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core import signing
from django.core.cache import cache

MAX_AGE = 15 * 60
SALT = "xxgk.foi.captcha"
_CACHE_PREFIX = "foi-captcha:"
_CN_DIGITS = "零一二三四五六七八九"
_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str  # the accessible text alternative


def new_challenge() -> Challenge:
    a, b = random.randint(1, 9), random.randint(1, 9)  # noqa: S311 — secrecy is the nonce's, not the sum's
    nonce = secrets.token_urlsafe(16)
    cache.set(_CACHE_PREFIX + nonce, (a, b), MAX_AGE)
    token = signing.TimestampSigner(salt=SALT).sign(nonce)
    return Challenge(token=token, question=f"{_CN_DIGITS[a]}加{_CN_DIGITS[b]}等于几？（请填写阿拉伯数字）")


def _nonce(token: str) -> str | None:
    try:
        return signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None


def check(token: str, answer: str) -> str | None:
    """None when ``answer`` solves the challenge of ``token``; otherwise the Chinese reason.
    The challenge is used up either way."""
    nonce = _nonce(token)
    if nonce is None:
        return "验证码已过期，请回答新的验证题。"
    sums = cache.get(_CACHE_PREFIX + nonce)
    cache.delete(_CACHE_PREFIX + nonce)
    if sums is None:
        return "验证码已使用或已过期，请回答新的验证题。"
    if answer.strip() != str(sum(sums)):
        return "验证题答案不正确，请重新计算。"
    return None


def _font(size: int):
    from PIL import ImageFont

    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def image_png(token: str) -> bytes | None:
    """The challenge drawn as a PNG, or None for an unknown, used or expired token."""
    from PIL import Image, ImageDraw

    nonce = _nonce(token)
    sums = cache.get(_CACHE_PREFIX + nonce) if nonce else None
    if sums is None:
        return None
    rng = random.Random()  # noqa: S311 — visual noise only
    image = Image.new("RGB", (180, 60), "white")
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        draw.line([(rng.randint(0, 180), rng.randint(0, 60)) for _ in range(2)], fill="#9aa5b1", width=1)
    x = 12
    for char in f"{sums[0]} + {sums[1]} = ?":
        if char == " ":
            x += 8
            continue
        draw.text((x, rng.randint(8, 16)), char, font=_font(rng.randint(28, 34)), fill="#1a1a1a")
        x += 24
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
