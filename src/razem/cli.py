"""The ``razem`` command: everything manage.py does, plus demo, serve and worker."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "razem.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # The demo runs on its own defaults (SQLite under var/, console e-mail, immediate tasks).
        os.environ.setdefault("RAZEM_ENV", "demo")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
