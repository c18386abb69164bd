from privacy.registry import CONSENT, OnErasure, PersonalData, Retention

DECLARATIONS = [
    PersonalData(
        "contact.ContactMessage",
        fields=("name", "email", "postcode", "subject", "message"),
        whose="People who write to their MP or candidate through a constituency's site",
        purpose="Confirming the sender's address and delivering the message to the MP",
        lawful_basis=CONSENT,
        kept="Until a set time after it was sent (see retention); unconfirmed ones sooner",
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        context=(
            "recipient_name",
            "status",
            "created_at",
            "delivered_at",
            "consent_text",
            "consent_version",
            "consented_at",
        ),
        label="Messages to the MP",
        retention=(
            Retention("messages", "created_at", after="it was sent"),
            Retention(
                "unconfirmed_messages",
                "created_at",
                after="it was written",
                only={"status": "awaiting_confirmation"},
                which="Never confirmed",
            ),
        ),
    ),
]
