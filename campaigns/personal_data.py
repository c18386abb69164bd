from privacy.registry import (
    CONSENT,
    MEMBERSHIP,
    NotPersonal,
    OnErasure,
    PersonalData,
    Retention,
)

DECLARATIONS = [
    PersonalData(
        "campaigns.CampaignPledge",
        fields=("name", "email", "postcode"),
        whose="People who add their name to a national campaign's pledge",
        purpose="Counting the pledge and telling them about the campaign if they agreed",
        lawful_basis=CONSENT,
        kept=(
            "Until a set time after the campaign ends (see retention); pledges never "
            "confirmed by email are deleted after a week"
        ),
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        context=(
            "campaign__title",
            "constituency__name",
            "created_at",
            "confirmed_at",
            "consent_text",
            "consent_version",
            "consented_at",
            "language",
        ),
        label="Campaign pledges",
        retention=(
            Retention("pledges", "campaign__ends_on", after="the campaign ends"),
            Retention(
                "unconfirmed_pledges",
                "created_at",
                after="it was made",
                only={"confirmed_at__isnull": True},
                which="Never confirmed",
            ),
        ),
    ),
    PersonalData(
        "campaigns.CampaignOptOut",
        fields=("hidden_by",),
        whose="Officers who hid a national campaign on their site",
        purpose="Showing who hid a campaign and when",
        lawful_basis=MEMBERSHIP,
        kept="As long as the campaign is hidden there",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"hidden_by": None},
        by_user=("hidden_by",),
        context=("campaign__title", "constituency__name", "hidden_at"),
        label="Campaigns hidden",
    ),
    NotPersonal("campaigns.NationalCampaign", "Campaigns' published wording"),
]
