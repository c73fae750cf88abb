"""``manage.py foi_digest [--date YYYY-MM-DD] [--dry-run]``: the daily e-mail of due-soon and overdue
cases to handlers and agency administrators (run it from cron on working days)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xxgk.foi.digest import build_digests, send_digests


class Command(BaseCommand):
    help = "向承办人和本机关公开管理员发送依申请公开即将到期和已超期的案件提醒。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="按该日期计算（默认今天），格式 YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="只打印，不发送")

    def handle(self, *args, **options) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['date']}") from None
        if options["dry_run"]:
            for digest in build_digests(today):
                self.stdout.write(f"收件人 {digest.user.get_username()} <{digest.user.email or '无邮箱'}>")
                self.stdout.write(digest.subject(today))
                self.stdout.write(digest.body(today))
            return
        sent, skipped = send_digests(today)
        self.stdout.write(f"已发送 {sent} 封提醒邮件；{skipped} 人没有电子邮箱，未发送。")
