"""The consent wordings people agree to on the public forms, each under a version id.

A form shows the current wording of its kind (`current(key)`), filled in for the site
and the retention period; the record it creates stores the exact text shown, the
version id and the time (`Consent.given`), so the party can show what each person
agreed to, and when, long after the wording has changed.

Each wording has its Welsh beside its English (`welsh`), for the Welsh pages of the sites
that offer Welsh: `text_in(language, ...)` gives the one a form shows in a language.

To change a wording, add a new version to its kind's list (newest last) rather than
editing one in use: records keep pointing at the version they were given under.
Records from before versions were kept carry PREVIOUS_VERSION.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

# The version stored on records made before wordings had versions.
PREVIOUS_VERSION = "before-2026-12"


@dataclass(frozen=True)
class Wording:
    key: str  # which form: "signup", "contact", "pledge"
    version: str  # "signup-2026-12"
    template: str  # str.format placeholders: {party}, {months}
    welsh: str = ""  # the same wording in Welsh, with the same placeholders

    def text(self, **values) -> str:
        return self.template.format(**values)

    def text_in(self, language: str, **values) -> str:
        """The wording in `language`: Welsh where it has a Welsh text, else English."""
        if language == settings.WELSH and self.welsh:
            return self.welsh.format(**values)
        return self.text(**values)


@dataclass(frozen=True)
class Consent:
    """What a person agreed to: the exact text, its wording's version, and when."""

    text: str
    version: str
    given_at: dt.datetime

    @classmethod
    def given(cls, wording: Wording, text: str) -> "Consent":
        return cls(text=text, version=wording.version, given_at=timezone.now())

    def fields(self) -> dict:
        """The model fields every consenting record has."""
        return {
            "consent_text": self.text,
            "consent_version": self.version,
            "consented_at": self.given_at,
        }


WORDINGS: dict[str, list[Wording]] = {
    "signup": [
        Wording(
            "signup",
            "signup-2026-12",
            "I agree that {party} may keep my name and contact details to organise this "
            "event, and contact me about it. They are deleted {months} months after the "
            "event.",
            welsh="Rwy'n cytuno y caiff {party} gadw fy enw a'm manylion cyswllt i drefnu'r "
            "digwyddiad hwn, a chysylltu â mi amdano. Cânt eu dileu {months} mis ar ôl y "
            "digwyddiad.",
        )
    ],
    "contact": [
        Wording(
            "contact",
            "contact-2026-12",
            "By sending, you agree that {party} may keep your name, email address, postcode "
            "and message to pass it to {recipient} and so they can reply. They are deleted "
            "{months} months after you write, or {unconfirmed_days} days after if you never "
            "confirm it.",
            welsh="Drwy anfon, rydych chi'n cytuno y caiff {party} gadw eich enw, eich "
            "cyfeiriad e-bost, eich cod post a'ch neges er mwyn ei throsglwyddo i {recipient} "
            "ac fel y gallant ateb. Cânt eu dileu {months} mis ar ôl i chi ysgrifennu, neu "
            "{unconfirmed_days} diwrnod wedyn os na fyddwch chi byth yn ei chadarnhau.",
        )
    ],
    "pledge": [
        Wording(
            "pledge",
            "pledge-2026-12",
            "I agree that the Labour Party may keep my name, email address and postcode to "
            "count this pledge and contact me about this campaign. They are deleted "
            "{months} months after the campaign ends.",
            welsh="Rwy'n cytuno y caiff y Blaid Lafur gadw fy enw, fy nghyfeiriad e-bost a'm "
            "cod post i gyfrif yr addewid hwn a chysylltu â mi am yr ymgyrch hon. Cânt eu "
            "dileu {months} mis ar ôl i'r ymgyrch ddod i ben.",
        )
    ],
}


def current(key: str) -> Wording:
    """The wording a form of this kind shows today."""
    return WORDINGS[key][-1]


def months(days: int) -> int:
    """A retention period in days, as the months a wording names."""
    return round(days / 30.4)
