from privacy.registry import CONSENT, OnErasure, PersonalData

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
    ),
]
