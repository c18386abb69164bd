#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labourhub.settings.dev")
    # after DJANGO_SETTINGS_MODULE is set, as Django's own manage.py does
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
