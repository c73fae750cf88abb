"""``manage.py workdays START N [--explain]`` and ``manage.py workdays --between A B``.

Exit status 3 when the answer is provisional (a year without a loaded holiday notice).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xxgk.core.calendar import load_calendar

PROVISIONAL_EXIT = 3


def parse_date(value: str, label: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{label}“{value}”不是有效日期，应为 YYYY-MM-DD。") from None


class Command(BaseCommand):
    help = "计算工作日：START 之后第 N 个工作日（自次日起算），或两个日期之间的工作日数。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("start", nargs="?", help="起算日期 YYYY-MM-DD")
        parser.add_argument("n", nargs="?", help="工作日数")
        parser.add_argument("--explain", action="store_true", help="列出跳过的节假日和计入的调休日")
        parser.add_argument("--between", nargs=2, metavar=("A", "B"), help="A 的次日至 B（含）之间的工作日数")

    def handle(self, *args, **options) -> None:
        calendar = load_calendar()
        if options["between"]:
            a, b = (parse_date(v, "日期") for v in options["between"])
            count, provisional = calendar.working_days_between(a, b)
            self.stdout.write(f"{count} provisional" if provisional else str(count))
            if provisional:
                raise SystemExit(PROVISIONAL_EXIT)
            return
        if options["start"] is None or options["n"] is None:
            raise CommandError("用法：workdays START N [--explain]，或 workdays --between A B")
        start = parse_date(options["start"], "起算日期")
        try:
            n = int(options["n"])
            if n < 0:
                raise ValueError
        except ValueError:
            raise CommandError(f"工作日数“{options['n']}”应为不小于 0 的整数。") from None
        result = calendar.add_working_days(start, n)
        self.stdout.write(f"{result.date.isoformat()} provisional" if result.provisional else result.date.isoformat())
        if options["explain"]:
            for line in result.explanation():
                self.stdout.write(f"  {line}")
        if result.provisional:
            raise SystemExit(PROVISIONAL_EXIT)
