from privacy.registry import MEMBERSHIP, OnErasure, PersonalData

DECLARATIONS = [
    PersonalData(
        "publicity.ChecklistItem",
        fields=("done_by_name",),
        whose="Officers who publicise an event",
        purpose="Showing who ticked off a step of an event's publicity checklist",
        lawful_basis=MEMBERSHIP,
        kept="As long as the event",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"done_by_name": "A former officer"},
        by_name=("done_by_name",),
        context=("event__title", "label", "done_at"),
        label="Publicity checklist ticks",
    ),
]
