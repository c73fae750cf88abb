from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xxgk.core"
    label = "core"
    verbose_name = "机关与平台"

    def ready(self) -> None:
        from xxgk.core import audit, checks, signals  # noqa: F401  (registers actions, checks, receivers)
