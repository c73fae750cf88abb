from django.core.management.base import BaseCommand

from xxgk.core.calendar import sync_official_years
from xxgk.core.demo.build import build_demo, login_table


class Command(BaseCommand):
    help = "建立演示城市（市政务公开办、科技局和另外两个部门）及各岗位演示账号；重复运行不会改变已有数据。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="不打印演示账号")

    def handle(self, *args, **options) -> None:
        sync_official_years()
        counts = build_demo()
        self.stdout.write(
            f"演示数据：新建机关 {counts['agencies']} 个，新建账号 {counts['staff']} 个，"
            f"导入往年年报 {counts['reports']} 份，发布政府信息 {counts['entries']} 条，"
            f"登记依申请公开案件 {counts['foi_cases']} 件，编制年度报告草稿 {counts['report_drafts']} 份。"
        )
        if not options["quiet_logins"]:
            self.stdout.write("演示账号（后台 http://127.0.0.1:8000/admin/ ）：")
            for username, password, description in login_table():
                self.stdout.write(f"  {username:<12} 密码 {password}  {description}")
