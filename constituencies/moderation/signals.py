"""What moderation tells the apps above it (the audit log). They register receivers;
this app never imports them. Each is sent inside the transaction of the decision."""

from django.dispatch import Signal

#: `constituency`, `page` (now published), `by` (the approving officer), `submitter`
#: (None if their account is gone), `comment` ("" for none).
draft_approved = Signal()

#: `constituency`, `page`, `by` (the officer asking), `submitter`, `comment`.
changes_requested = Signal()
