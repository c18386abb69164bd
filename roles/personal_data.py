from privacy.registry import MEMBERSHIP, OnErasure, PersonalData

DECLARATIONS = [
    PersonalData(
        "roles.Appointment",
        fields=("user", "membership_exception"),
        whose="Officers of a constituency party, and its site's editors",
        purpose="Who holds which role, and so who may publish on a constituency's site",
        lawful_basis=MEMBERSHIP,
        kept="As long as the account; a role that ends keeps its end date",
        on_erasure=OnErasure.DELETE,
        by_user=("user",),
        context=("constituency__name", "role", "starts_on", "ends_on", "membership_exception"),
        label="Roles held",
    ),
]
