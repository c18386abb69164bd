from privacy.registry import MEMBERSHIP, NotPersonal, OnErasure, PersonalData

DECLARATIONS = [
    PersonalData(
        "rulebook.StandingOrders",
        fields=("uploaded_by",),
        whose="Officers who upload their constituency's standing orders",
        purpose="Showing who uploaded them",
        lawful_basis=MEMBERSHIP,
        kept="As long as the standing orders",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"uploaded_by": None},
        by_user=("uploaded_by",),
        context=("title", "created_at"),
        label="Standing orders uploaded",
    ),
    NotPersonal("rulebook.Edition", "The rulebook's editions"),
    NotPersonal("rulebook.Chapter", "The rulebook's text"),
    NotPersonal("rulebook.Clause", "The rulebook's text"),
    NotPersonal("rulebook.Procedure", "Published procedures"),
]
