from privacy.registry import MEMBERSHIP, OnErasure, PersonalData

DECLARATIONS = [
    PersonalData(
        "accounts.User",
        fields=("first_name", "last_name", "email"),
        whose="Members, officers and staff with an account",
        purpose="Signing in to Membersnet and to the sites' admin",
        lawful_basis=MEMBERSHIP,
        kept="As long as the account; lapsed members keep theirs until they or staff delete it",
        # Deleting the account also clears the references every constituency's schema
        # holds to it (accounts.deleted_accounts).
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        by_user=("pk",),
        context=("date_joined", "last_login", "is_active"),
        label="Account",
    ),
]
