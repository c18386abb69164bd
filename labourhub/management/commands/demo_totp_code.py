import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.allauth_internals import totp_code

from .load_demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo officers and staff (development only)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Demo codes are only for development (DEMO_DATA_ALLOWED is off).")
        code = totp_code(DEMO_TOTP_SECRET)
        remaining = 30 - int(time.time()) % 30
        self.stdout.write(f"{code}  (valid for {remaining} more seconds)")
