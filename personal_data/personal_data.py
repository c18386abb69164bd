from privacy.registry import ACCOUNTABILITY, NotPersonal, OnErasure, PersonalData, Retention

DECLARATIONS = [
    PersonalData(
        "personal_data.PersonalDataRequest",
        fields=("email", "reason", "requested_by", "identity"),
        whose="People who ask for their data or its erasure, and the staff who act on it",
        purpose="Answering subject access and erasure requests, and showing they were answered",
        lawful_basis=ACCOUNTABILITY,
        kept="A set time (see retention); an export's file much sooner",
        on_erasure=OnErasure.KEEP,
        exemption=(
            "The record that a request was made and answered is kept to show the party "
            "complied (Art. 5(2): accountability; Art. 17(3)(b): a legal obligation)"
        ),
        by_email=("email",),
        context=("kind", "status", "created_at", "finished_at"),
        label="Requests about their data",
        retention=(
            Retention("data_requests", "created_at", after="the request"),
            Retention(
                "data_request_files",
                ("created_at", "finished_at"),
                after="the export is made",
                only={"file__gt": ""},
                which="An export's file",
                action=OnErasure.ANONYMISE,
                anonymised={"file": ""},
            ),
        ),
    ),
    NotPersonal("personal_data.RetentionRun", "How many rows retention removed, per kind"),
]
