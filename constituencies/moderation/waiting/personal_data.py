from privacy.registry import MEMBERSHIP, OnErasure, PersonalData

DECLARATIONS = [
    PersonalData(
        "moderation_waiting.WaitingDraft",
        fields=("submitted_by",),
        whose="An editor who submitted a draft",
        purpose="Central staff's list of drafts waiting for officers' approval",
        lawful_basis=MEMBERSHIP,
        kept="Until the draft is approved, sent back or withdrawn",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"submitted_by": None},
        by_user=("submitted_by",),
        context=("constituency__name", "title", "since"),
        label="Drafts waiting for approval",
    ),
]
