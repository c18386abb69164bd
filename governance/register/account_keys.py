"""Writing an account's handle or address the one way the register compares them:
case, "http" or "https", "www.", "m.", a trailing slash, a leading "@" or the old
twitter.com name make no difference."""

import re
from urllib.parse import urlsplit

# Hosts that mean the same network; the key uses the first.
_SAME_NETWORK = {
    "twitter.com": "x.com",
    "mobile.twitter.com": "x.com",
    "fb.com": "facebook.com",
    "m.facebook.com": "facebook.com",
    "instagr.am": "instagram.com",
    "youtu.be": "youtube.com",
}
# Networks whose address ends in the account's handle (x.com/<handle>).
_HANDLE_HOSTS = {
    "x.com",
    "facebook.com",
    "instagram.com",
    "tiktok.com",
    "threads.net",
    "youtube.com",
    "bsky.app",
}


def normalise_account(text: str | None) -> str:
    """The comparable form of a handle ("bristoleastlabour") or an address
    ("x.com/bristoleastlabour"); "" for nothing. Raises ValueError for a malformed
    address: forms turn that into a message (see register.account_key)."""
    text = (text or "").strip().lower()
    if not text:
        return ""
    looks_like_address = "/" in text or re.match(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", text)
    if not looks_like_address:
        return text.lstrip("@").strip()
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)  # ValueError for what no address can be ("http://[x")
    host = (parts.hostname or "").removeprefix("www.")
    host = _SAME_NETWORK.get(host, host).removeprefix("m.")
    path = re.sub(r"/+", "/", parts.path).rstrip("/")
    if host == "bsky.app":
        path = path.replace("/profile/", "/", 1)
    path = path.replace("/@", "/")
    return f"{host}{path}"


def lookup_keys(text: str | None) -> set[str]:
    """Every key `text` could be stored under: its own, and for an address on a social
    network, the handle it is (so a pasted link finds an entry with only a handle).
    Longer paths (facebook.com/groups/123, youtube.com/channel/…) name no handle."""
    key = normalise_account(text)
    if not key:
        return set()
    keys = {key}
    host, _, rest = key.partition("/")
    if host in _HANDLE_HOSTS and rest and "/" not in rest:
        keys.add(rest)
    return keys
