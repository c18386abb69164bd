"""What the register tests share: entries built for them, and the admin's addresses."""

from governance.models import AuditEvent

INDEX = "/admin/online-presence/"
CHOOSE_UNIT = "/admin/online-presence/add/"
UNITS = "/admin/governance/units/"


def add_url(unit):
    return f"/admin/online-presence/add/{unit.pk}/"


def edit_url(entry):
    return f"/admin/online-presence/{entry.pk}/edit/"


def remove_url(entry):
    return f"/admin/online-presence/{entry.pk}/remove/"


def reviewed_url(entry):
    return f"/admin/online-presence/{entry.pk}/reviewed/"


def entry_form(**changes):
    data = {
        "platform": "instagram",
        "handle": "@testfordnorth",
        "url": "",
        "purpose": "Photos from campaign days",
        "credentials_note": "In the CLP's password manager",
    }
    data.update(changes)
    return data


def actions(action):
    return list(AuditEvent.objects.filter(action=action))
