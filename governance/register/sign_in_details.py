"""What the register may hold about signing in to an account: never a password (nor
anything that looks like one), a recovery phone that is a phone number, and the control
code officers show on the account."""

import re
import secrets

_PASSWORD_WORDS = ("password:", "password is", "password=", "pwd", "passcode", "pw:")


def looks_like_a_password(text: str) -> bool:
    """Whether `text` seems to hold a password (or to be one) rather than say where one
    is kept: the register must never store sign-in secrets."""
    text = (text or "").strip()
    lowered = text.lower()
    if any(word in lowered for word in _PASSWORD_WORDS):
        return True
    # One "word" mixing letters with digits or symbols, like "Tr0ub4dor&3", is a password
    # pasted where a note, a name or an address belongs.
    return bool(
        " " not in text
        and len(text) >= 8
        and "@" not in text
        and "/" not in text
        and re.search(r"[a-z]", text)
        and re.search(r"[A-Z]", text)
        and re.search(r"[0-9]", text)
        and re.search(r"[^A-Za-z0-9]", text)
    )


# Digits with optional spaces, brackets or dashes, perhaps after a "+": 7 to 15 digits.
_PHONE = re.compile(r"^\+?(?:[ ()-]*\d){7,15}[ ()-]*$")


def is_phone_number(text: str) -> bool:
    return bool(_PHONE.match(text))


def control_code() -> str:
    """A code the officers put in an account's bio or a pinned post to show they control
    it. Unambiguous characters only: staff read it off a phone screen."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "LH-" + "".join(secrets.choice(alphabet) for _ in range(8))
