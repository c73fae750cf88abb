#!/usr/bin/env python
"""Django's command-line utility for xxgk."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    from xxgk import startup

    startup.load_settings()
    import django

    django.setup()
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command not in startup.OFFLINE_COMMANDS and not command.startswith("-"):
        startup.check_database()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
