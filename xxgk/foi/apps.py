from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "xxgk.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from xxgk.foi import checks  # noqa: F401  (registers the system checks)
        from xxgk.foi.services import events  # noqa: F401  (registers the audit actions)
