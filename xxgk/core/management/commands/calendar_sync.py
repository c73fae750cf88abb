from django.core.management.base import BaseCommand

from xxgk.core.calendar import sync_official_years


class Command(BaseCommand):
    help = "从 chinesecalendar 数据包载入数据库中尚缺的年度节假日安排（不覆盖已有年份）。"

    def handle(self, *args, **options) -> None:
        added = sync_official_years()
        self.stdout.write(f"已载入：{', '.join(map(str, added))}" if added else "节假日安排已是最新。")
