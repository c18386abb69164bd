"""What the members app tells the apps above it (the audit log); it never imports them."""

from django.dispatch import Signal

#: Sent when an import of member records ends, from the hub's admin or the command:
#: `file_name`, `counts` (created, updated, unchanged, invited, error_count), `failure`
#: ("" when it finished) and `by` (who uploaded it; None from the command).
member_import_ended = Signal()
