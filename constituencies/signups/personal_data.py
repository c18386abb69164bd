from privacy.registry import CONSENT, OnErasure, PersonalData, Retention

DECLARATIONS = [
    PersonalData(
        "signups.EventSignup",
        fields=("name", "email", "phone"),
        whose="People who sign up to a constituency party's event or join its waiting list",
        purpose=(
            "Holding their place, confirming their address, telling them about the event "
            "(confirmation, changes, a reminder the day before) and giving the organisers "
            "the list"
        ),
        lawful_basis=CONSENT,
        kept=(
            "Until a set time after the event (see retention); cancelled places sooner; "
            "places never confirmed are deleted when their hold passes"
        ),
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        context=(
            "event__title",
            "shift__starts_at",
            "status",
            "created_at",
            "confirmed_at",
            "consent_text",
            "consent_version",
            "consented_at",
        ),
        label="Event sign-ups and waiting lists",
        retention=(
            Retention(
                "signups",
                ("event__starts_at", "event__ends_at", "event__shifts__ends_at"),
                after="the event (or its last shift) ends",
            ),
            Retention(
                "cancelled_signups",
                "status_changed_at",
                after="the place is cancelled",
                only={"status": "cancelled"},
                which="Cancelled places",
            ),
        ),
    ),
]
