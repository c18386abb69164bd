"""What the constituencies app tells the apps above it (the audit log). They register
receivers; this app never imports them. Each is sent inside the transaction that made
the change, with `by`, the user who made it (None for a command or the system)."""

from django.dispatch import Signal

#: `constituency`, `by`, `override` (when its name or GSS code disagreed with the shipped
#: list: `override_reason` and `listed_name`, None for a code not on the list; else empty).
constituency_provisioned = Signal()

#: `constituency` (its new `status`), `previous` (the status it had), `by`.
constituency_status_changed = Signal()

#: `constituency` (its new `region`, "" for none), `previous`, `by`.
constituency_region_changed = Signal()

#: `constituency` (its new `offers_welsh`), `by`.
constituency_welsh_changed = Signal()
