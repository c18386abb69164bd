from privacy.registry import LEGITIMATE_INTERESTS, NotPersonal, OnErasure, PersonalData

PUBLISHED = "Text written to be published on a constituency's site"

DECLARATIONS = [
    PersonalData(
        "website.Representative",
        fields=("name", "email", "biography"),
        whose="The constituency's MP or candidate",
        purpose="Showing who represents the constituency and delivering messages to them",
        lawful_basis=LEGITIMATE_INTERESTS,
        kept="While they are the MP or candidate; officers change it",
        on_erasure=OnErasure.KEEP,
        exemption=(
            "An elected representative's or candidate's public details, published in "
            "their public role; the constituency's officers replace them when they change"
        ),
        by_email=("email",),
        context=("kind", "name"),
        label="MP or candidate details",
    ),
    NotPersonal("website.SiteSettings", "The constituency party's own contact address"),
    *(
        NotPersonal(f"website.{page}", PUBLISHED)
        for page in (
            "HomePage",
            "GetInvolvedPage",
            "ContactPage",
            "NewsIndexPage",
            "NewsPage",
            "EventIndexPage",
            "EventPage",
        )
    ),
]
