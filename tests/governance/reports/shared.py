"""What the report tests share: a good report, and reports made for them."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

from governance.models import AccountReport
from governance.reports.workflow import submit_report

REPORT = "/official/report/"
SENT = "/official/report/sent/"
QUEUE = "/admin/online-presence/reports/"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


Status = AccountReport.Status


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


BROKEN_MAIL_SERVER = f"{__name__}.BrokenMailServer"


def detail_url(report):
    return f"/admin/online-presence/reports/{report.pk}/"


def report_form(unit=None, **changes):
    data = {
        "unit": unit.pk if unit else "",
        "account": "@TestfordNorthLabourReal",
        "reason": "not_on_register",
        "details": "It says it is the official Labour party of Testford North.",
        "reporter_name": "Rita Reporter",
        "reporter_email": "rita@example.org",
        "website": "",
    }
    data.update(changes)
    return data


def make_report(unit=None, account="@FakeTestford"):
    return submit_report(
        unit=unit,
        account=account,
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="Claims to be the CLP.",
        reporter_name="Rita Reporter",
        reporter_email="rita@example.org",
    )
