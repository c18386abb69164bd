"""The register of the party's online presence: adding, changing, removing and reviewing
entries, and answering "is this account official?". Each change checks the register's
rules, saves and writes the audit log, whoever calls it (an admin view, a command, a
test)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction

from governance import audit
from governance.models import (
    PartyUnit,
    PresenceEntry,
    SignInHolder,
)
from governance.register.account_keys import normalise_account
from governance.register.holders import invite_new_holders
from governance.register.units import (
    current_officers,
)
from roles.access import current_roles
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES

# Lower-casing can lengthen text ("İ" becomes two characters), so a key may outgrow
# the handle or address it was made from.
ACCOUNT_KEY_MAX_LENGTH = PresenceEntry._meta.get_field("url_key").max_length

# The policy asks that a unit's accounts never depend on one person.
RECOMMENDED_CONTROLLERS = 2
EDITABLE_FIELDS = (
    "platform",
    "handle",
    "url",
    "purpose",
    "credentials_note",
    "recovery_email",
    "recovery_phone",
)

_PLATFORMS_BY_HOST = {
    "x.com": {PresenceEntry.Platform.X},
    "facebook.com": {PresenceEntry.Platform.FACEBOOK_PAGE, PresenceEntry.Platform.FACEBOOK_GROUP},
    "instagram.com": {PresenceEntry.Platform.INSTAGRAM},
    "tiktok.com": {PresenceEntry.Platform.TIKTOK},
    "threads.net": {PresenceEntry.Platform.THREADS},
    "youtube.com": {PresenceEntry.Platform.YOUTUBE},
    "bsky.app": {PresenceEntry.Platform.BLUESKY},
}


def may_keep_register(user, constituency) -> bool:
    """Whether `user` may change the register entries (and read the reports) of the
    units `constituency` looks after: central staff, or that constituency's current
    Secretary or Social Media Officer. Editors may only read the register."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_central_staff:
        return True
    return bool(current_roles(user, constituency) & set(DESIGNATED_ADMINISTRATOR_ROLES))


def account_key(text: str) -> str:
    """The comparable form of a handle or address; ValidationError if it can't be read
    as one (e.g. a malformed address)."""
    try:
        key = normalise_account(text)
    except ValueError:
        raise ValidationError("That isn't a handle or an address we can read.") from None
    if len(key) > ACCOUNT_KEY_MAX_LENGTH:
        raise ValidationError("That is too long to be a handle or address.")
    return key


def look_up(text: str) -> list[PresenceEntry]:
    """The register entries `text` names, however it was written. A pasted link to a
    social network matches an entry known only by its handle on that network, not an
    account of the same name elsewhere."""
    key = account_key(text)
    if not key:
        return []
    host = key.partition("/")[0]
    platforms = _PLATFORMS_BY_HOST.get(host) if "/" in key else None
    entries = PresenceEntry.objects.matching(text)
    if "/" not in key:
        # A bare handle also finds an entry known only by its profile's address.
        entries = entries | PresenceEntry.objects.filter(url_key__in=_profile_keys({key}))
    entries = entries.select_related("unit").order_by("unit__name", "platform", "handle")
    return [
        entry
        for entry in entries
        if platforms is None or entry.url_key == key or entry.platform in platforms
    ]


def former_controllers(entry: PresenceEntry, officer_ids=None) -> list:
    """The entry's controllers who no longer hold office in its unit."""
    if officer_ids is None:
        officer_ids = set(current_officers(entry.unit).values_list("pk", flat=True))
    return [user for user in entry.controllers.all() if user.pk not in officer_ids]


@transaction.atomic
def add_entry(
    *,
    unit: PartyUnit,
    platform: str,
    purpose: str,
    controllers,
    credentials_note: str,
    handle: str = "",
    url: str = "",
    recovery_email: str = "",
    recovery_phone: str = "",
    other_holders=(),
    actor=None,
) -> PresenceEntry:
    """Put an account or site on `unit`'s register. `controllers` are the unit's
    officers who can sign in; `other_holders` (name, email) pairs anyone else who can,
    such as a branch's Facebook group admins. Raises ValidationError, saving nothing,
    if the entry breaks a rule: no handle or address, a password anywhere, an account
    already on the register, controllers who aren't current officers, or an officer
    typed in as another holder. Everyone who can sign in is invited to the group
    administrators' course (once)."""
    entry = PresenceEntry(
        unit=unit,
        platform=platform,
        handle=(handle or "").strip(),
        url=(url or "").strip(),
        purpose=(purpose or "").strip(),
        credentials_note=(credentials_note or "").strip(),
        recovery_email=(recovery_email or "").strip(),
        recovery_phone=(recovery_phone or "").strip(),
    )
    controllers = list(controllers)
    other_holders = list(other_holders)
    _check(entry, controllers, already=set(), other_holders=other_holders)
    entry.save()
    entry.controllers.set(controllers)
    _set_other_holders(entry, other_holders)
    invite_new_holders(entry)
    _audit(
        "register.added",
        f"Added {entry} to the register of {unit}",
        entry,
        actor=actor,
        platform=entry.platform,
        account=entry.handle or entry.url,
        controllers=[user.pk for user in controllers],
        other_holders=[email for _, email in other_holders],
    )
    return entry


@transaction.atomic
def change_entry(
    entry: PresenceEntry, *, actor=None, controllers=None, other_holders=None, **fields
) -> list[str]:
    """Change an entry's details and/or controllers; returns the names of what changed
    (nothing is saved or logged when nothing did). Raises ValidationError, changing
    nothing, on the same rules as `add_entry`. A controller who has left office may
    stay on (the register says who can sign in, which is what the policy needs to
    know) but nobody new can be added unless they hold office now."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"These can't be changed here: {', '.join(sorted(unknown))}")
    entry = (
        PresenceEntry.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=entry.pk)
    )
    already = {user.pk: user for user in entry.controllers.all()}
    before = {name: getattr(entry, name) for name in EDITABLE_FIELDS}
    for name, value in fields.items():
        setattr(entry, name, (value or "").strip())
    new_controllers = list(already.values()) if controllers is None else list(controllers)
    holders_before = [(h.name, h.email) for h in entry.other_holders.all()]
    new_holders = holders_before if other_holders is None else list(other_holders)
    _check(entry, new_controllers, already=set(already), other_holders=new_holders)

    changed = [name for name in EDITABLE_FIELDS if getattr(entry, name) != before[name]]
    added = [user for user in new_controllers if user.pk not in already]
    removed_ids = set(already) - {user.pk for user in new_controllers}
    if added or removed_ids:
        changed.append("controllers")
    if sorted(new_holders) != sorted(holders_before):
        changed.append("other_holders")
    if not changed:
        return []
    entry.save()
    entry.controllers.set(new_controllers)
    if "other_holders" in changed:
        _set_other_holders(entry, new_holders)
    invite_new_holders(entry)
    _audit(
        "register.changed",
        f"Changed {entry} on the register of {entry.unit}: {', '.join(changed)}",
        entry,
        actor=actor,
        changed=changed,
        controllers_added=[user.pk for user in added],
        controllers_removed=sorted(removed_ids),
        other_holders=[email for _, email in new_holders],
    )
    return changed


@transaction.atomic
def remove_entry(entry: PresenceEntry, *, actor=None) -> None:
    """Take an entry off the register (its flags go with it); the audit log keeps
    what it was."""
    _audit(
        "register.removed",
        f"Removed {entry} from the register of {entry.unit}",
        entry,
        actor=actor,
        platform=entry.platform,
        account=entry.handle or entry.url,
    )
    entry.delete()


def _audit(action: str, message: str, entry: PresenceEntry, *, actor, **details) -> None:
    """Record what was done to `entry` in the audit log, under its unit and constituency."""
    unit = entry.unit
    audit.record(
        action,
        message,
        actor=actor,
        constituency=unit.constituency,
        unit=unit,
        entry=entry.pk,
        **details,
    )


def _set_other_holders(entry: PresenceEntry, other_holders: list[tuple[str, str]]) -> None:
    entry.other_holders.all().delete()
    SignInHolder.objects.bulk_create(
        SignInHolder(entry=entry, name=name, email=email.strip().lower())
        for name, email in other_holders
    )


def _check(entry: PresenceEntry, controllers: list, *, already: set[int], other_holders=()) -> None:
    errors: dict[str, list] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    for field in ("handle", "url"):
        try:
            setattr(entry, f"{field}_key", account_key(getattr(entry, field)))
        except ValidationError as error:
            add(field, error.messages[0])
    try:
        entry.full_clean(exclude=["controllers", "handle_key", "url_key"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                add(field, message)
    if not errors:
        duplicate = _duplicate_of(entry)
        if duplicate is not None:
            add(
                "handle" if entry.handle else "url",
                f"This account is already on the register, for {duplicate.unit}.",
            )

    officer_ids = set(current_officers(entry.unit).values_list("pk", flat=True))
    if not controllers:
        add("controllers", "Choose at least one officer who can sign in to it.")
    for user in controllers:
        if user.pk not in officer_ids and user.pk not in already:
            add(
                "controllers",
                f"{user} is not a current officer of {entry.unit}, so can't be added.",
            )
    officer_emails = {
        email.lower()
        for email in get_user_model()
        .objects.filter(pk__in=officer_ids)
        .values_list("email", flat=True)
    }
    for name, email in other_holders if officer_ids else ():
        if email.strip().lower() in officer_emails:
            add(
                "other_holders",
                f"{name} ({email}) is an officer of {entry.unit}: tick them among the "
                "officers instead.",
            )
    if controllers and not any(user.pk in officer_ids for user in controllers):
        add(
            "controllers",
            f"At least one of the people who can sign in must be a current officer of "
            f"{entry.unit}.",
        )
    if errors:
        raise ValidationError(errors)


def _duplicate_of(entry: PresenceEntry) -> PresenceEntry | None:
    """Another entry for the same account, whether it was given by handle or address."""
    same = models.Q()
    if entry.url_key:
        same |= models.Q(url_key=entry.url_key)
    handles = {entry.handle_key} - {""}
    host, _, rest = entry.url_key.partition("/")
    if host in _PLATFORMS_BY_HOST and rest:
        handles.add(rest.split("/")[0])
    if handles:
        same |= models.Q(platform=entry.platform, handle_key__in=handles)
        same |= models.Q(platform=entry.platform, url_key__in=_profile_keys(handles))
    if not same:
        return None
    return PresenceEntry.objects.exclude(pk=entry.pk).filter(same).select_related("unit").first()


def _profile_keys(handles: set[str]) -> list[str]:
    return [f"{host}/{handle}" for host in _PLATFORMS_BY_HOST for handle in handles]
