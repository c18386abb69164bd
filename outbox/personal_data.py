from privacy.registry import CONSENT, OnErasure, PersonalData, Retention

DECLARATIONS = [
    PersonalData(
        "outbox.OutgoingEmail",
        fields=("to", "cc", "reply_to", "subject", "body", "html_body"),
        whose="Anyone the platform emails, and senders of messages (in Reply-To)",
        purpose="Sending each email, retrying it when the mail service fails",
        lawful_basis=f"As for the record the email is about; for the public: {CONSENT}",
        kept="A set time after it was sent (see retention)",
        on_erasure=OnErasure.DELETE,
        by_email=("to", "cc", "bcc", "reply_to"),
        context=("about", "subject", "state", "queued_at", "sent_at"),
        label="Emails sent or waiting to be sent",
        # An email still queued or being sent is kept until it is sent or given up.
        retention=Retention(
            "emails",
            ("queued_at", "sent_at"),
            after="it was sent or given up",
            only={"state__in": ["sent", "failed"]},
        ),
    ),
]
