from privacy.registry import CONSENT, OnErasure, PersonalData

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
        context=("recipient_name", "status", "created_at", "delivered_at"),
        label="Messages to the MP",
    ),
]
