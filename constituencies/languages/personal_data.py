"""wagtail-localize's tables: who last translated each piece of a page (a link to their
account), and the pages' text as sent for translation, which was written to be
published and is about no one."""

from privacy.registry import ACCOUNTABILITY, NotPersonal, OnErasure, PersonalData

TRANSLATORS = "An officer or editor who translated a constituency site's pages"
PUBLISHED_TEXT = "Pages' text as written to be published, taken apart for translating"

DECLARATIONS = [
    PersonalData(
        "wagtail_localize.StringTranslation",
        fields=("last_translated_by",),
        whose=TRANSLATORS,
        purpose="Who last translated a sentence of a page, shown beside it to other translators",
        lawful_basis=ACCOUNTABILITY,
        kept="As long as the page; the translator is removed when the account goes",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"last_translated_by": None},
        by_user=("last_translated_by",),
        context=("updated_at", "locale__language_code", "data"),
        label="Translations of page text",
    ),
    PersonalData(
        "wagtail_localize.SegmentOverride",
        fields=("last_translated_by",),
        whose=TRANSLATORS,
        purpose="Who last chose a page's link or image for its translation",
        lawful_basis=ACCOUNTABILITY,
        kept="As long as the page; the translator is removed when the account goes",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"last_translated_by": None},
        by_user=("last_translated_by",),
        context=("updated_at", "locale__language_code"),
        label="Translated links and images",
    ),
    *(
        NotPersonal(f"wagtail_localize.{model}", PUBLISHED_TEXT)
        for model in (
            "String",
            "StringSegment",
            "OverridableSegment",
            "Template",
            "TranslationContext",
            "TranslationSource",
        )
    ),
]
