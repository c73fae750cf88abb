"""Applicant identity and contact data encrypted at rest (rules.md: never public; architecture.md:
"identity data encrypted at rest").

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under a key derived
from ``settings.FIELD_ENCRYPTION_KEY`` (env ``XXGK_FIELD_KEY``), falling back to ``SECRET_KEY``. A database
dump or a backup therefore holds no ID number or phone number in clear. Matching the same applicant
across cases (按件计收 per applicant per month) uses :func:`identity_hash`, a keyed HMAC — equal numbers
give equal hashes, but the hash cannot be reversed or recomputed without the key.

Operators: set ``XXGK_FIELD_KEY`` before the first application and never change it (rotating it would
make existing values unreadable; rotation would need a re-encryption command, not built yet).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

from xxgk.core.identifiers import normalize_identifier


def _master() -> bytes:
    return (getattr(settings, "FIELD_ENCRYPTION_KEY", "") or settings.SECRET_KEY).encode()


@cache
def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"xxgk", info=purpose).derive(master)


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(_master(), b"field-encryption")))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise ValueError("加密字段无法解密：XXGK_FIELD_KEY 或 SECRET_KEY 与加密时不同。") from None


def keyed_hash(purpose: bytes, value: str) -> str:
    """HMAC-SHA256 of ``value`` under a key derived for ``purpose`` (one key per use, never reused)."""
    return hmac.new(_derive(_master(), purpose), value.encode(), hashlib.sha256).hexdigest()


def identity_hash(number: str) -> str:
    """A keyed hash of an identity number (normalised first, so ``11010…x`` and ``11010…X`` match)."""
    if not number:
        return ""
    return keyed_hash(b"identity-hash", normalize_identifier(number))


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token; Python code only ever sees the clear text.

    Not searchable or sortable in the database (by design). The empty string is stored as is.
    """

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))
