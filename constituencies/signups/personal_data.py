from privacy.registry import CONSENT, OnErasure, PersonalData

DECLARATIONS = [
    PersonalData(
        "signups.EventSignup",
        fields=("name", "email", "phone"),
        whose="People who sign up to a constituency party's event or join its waiting list",
        purpose=(
            "Holding their place, telling them about the event (confirmation, changes, a "
            "reminder the day before) and giving the organisers the list"
        ),
        lawful_basis=CONSENT,
        kept="Until a set time after the event (see retention); cancelled places sooner",
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        context=(
            "event__title",
            "shift__starts_at",
            "status",
            "created_at",
            "consent_text",
        ),
        label="Event sign-ups and waiting lists",
    ),
]
