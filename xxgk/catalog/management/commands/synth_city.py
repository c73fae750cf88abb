"""``manage.py synth_city --agencies N --entries M``: a synthetic city for benchmarks (see catalog/synth.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from xxgk.catalog import synth


class Command(BaseCommand):
    help = "生成用于性能测试的合成城市：机关、主动公开信息及其全文索引（可重复运行，只补足差额）。"

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=100, help="机关数（1–100），默认 100")
        parser.add_argument("--entries", type=int, required=True, help="合成信息总条数（补足到此数）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子，默认 2026")
        parser.add_argument("--workers", type=int, default=2, help="分词进程数，默认 2")
        parser.add_argument("--reset", action="store_true", help="先删除以前生成的合成机关和信息")

    def handle(self, *args, agencies, entries, seed, workers, reset, **options):
        if entries < 0:
            raise CommandError("--entries 不能为负数。")
        say = self.stdout.write
        started = time.monotonic()
        if reset:
            synth.reset_city(progress=say)
        try:
            added = synth.build_city(agencies, entries, seed=seed, workers=workers, progress=say)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        say(self.style.SUCCESS(f"新增 {added} 条，用时 {time.monotonic() - started:.0f} 秒。"))
