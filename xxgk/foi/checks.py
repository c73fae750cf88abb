"""System checks of foi (style.md §8)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def field_key_set(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Applicants' data is encrypted under XXGK_FIELD_KEY; without it, rotating SECRET_KEY would lose it."""
    if getattr(settings, "FIELD_ENCRYPTION_KEY", ""):
        return []
    return [
        checks.Warning(
            "未设置 XXGK_FIELD_KEY：申请人证件号码和联系方式以 XXGK_SECRET_KEY 派生的密钥加密，"
            "更换 SECRET_KEY 将无法解密。",
            hint="生成一个随机密钥设为 XXGK_FIELD_KEY（在登记第一件申请之前），并与备份一起保管。",
            id="xxgk.W101",
        )
    ]
