"""What the members app tells the apps above it (the audit log); it never imports them."""

from django.dispatch import Signal

#: Sent when an import of member records ends, from the hub's admin or the command:
#: `file_name`, `counts` (created, updated, unchanged, invited, error_count), `failure`
#: ("" when it finished) and `by` (who uploaded it; None from the command).
member_import_ended = Signal()

#: Sent inside the transaction in which a member's appointments in a constituency end
#: because their membership there lapsed or ended: `user`, `constituency`,
#: `appointments` (those ended), `reason` ("their membership lapsed on 3 March 2026"),
#: `source` (where the change came from) and `by` (who made it; None for the command).
membership_ended = Signal()
