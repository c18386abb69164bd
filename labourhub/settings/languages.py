"""The languages the platform speaks: English everywhere, and Welsh on the constituency
sites that offer it (constituencies.languages). Read by base.py."""

LANGUAGE_CODE = "en-gb"
WELSH = "cy"
# English at /..., Welsh at /cy/... (i18n_patterns without a prefix for English). A
# site that does not offer Welsh answers /cy/ with 404 (SiteLanguageMiddleware).
LANGUAGES = [(LANGUAGE_CODE, "English"), (WELSH, "Cymraeg")]
# The html lang attribute and og:locale of each.
HTML_LANGUAGES = {LANGUAGE_CODE: "en-GB", WELSH: "cy"}
OPEN_GRAPH_LOCALES = {LANGUAGE_CODE: "en_GB", WELSH: "cy_GB"}
USE_I18N = True

# Pages carry a locale; a Welsh page is a translation of its English one, kept in step by
# wagtail-localize (segments translated by people: no machine translator is configured).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Starting a translation makes a Welsh draft; it goes live when its translator publishes
# it, never as an English copy under /cy/.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Officers and staff may choose the Wagtail admin in Welsh (Account → Preferences).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
