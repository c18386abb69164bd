from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from constituencies.models import Constituency
from governance.models import (
    AccountReport,
    Flag,
    PartyUnit,
    PresenceEntry,
)
from governance.register.entries import (
    account_key,
)
from governance.register.holders import format_other_holders, parse_other_holders
from governance.register.units import (
    current_officers,
)

ACCOUNT_MAX_LENGTH = AccountReport._meta.get_field("account").max_length
REPORTER_EMAIL_MAX_LENGTH = AccountReport._meta.get_field("reporter_email").max_length


def account_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label="Handle or address",
        max_length=ACCOUNT_MAX_LENGTH,
        error_messages={
            "required": "Type the account's handle or address, e.g. @TestfordLabour or "
            "https://www.facebook.com/TestfordLabour.",
            "max_length": "That is too long to be a handle or address: use "
            f"{ACCOUNT_MAX_LENGTH} characters at most.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        **kwargs,
    )


def clean_account_field(value: str) -> str:
    try:
        account_key(value)
    except ValidationError as error:
        raise forms.ValidationError(error.messages) from None
    return value


class LookupForm(forms.Form):
    account = account_field(
        help_text="The account's name, such as @TestfordLabour, or a link to it or to the website."
    )

    def clean_account(self):
        return clean_account_field(self.cleaned_data["account"])


# Central staff's admin


class PartyUnitForm(WagtailAdminModelForm):
    """Branches and Local Campaign Forums are added by hand; CLPs exist already, one per
    constituency, so only a CLP's name can change."""

    class Meta:
        model = PartyUnit
        fields = ["kind", "name", "constituency", "constituencies"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Constituency.objects.sites().order_by("name")
        self.fields["constituency"].queryset = sites
        self.fields["constituency"].label = "CLP"
        self.fields["constituency"].help_text = "The CLP a branch belongs to."
        self.fields["constituencies"].queryset = sites
        self.fields["constituencies"].label = "CLPs"
        self.fields[
            "constituencies"
        ].help_text = (
            "The CLPs a Local Campaign Forum spans. Hold Ctrl (Cmd on a Mac) to choose several."
        )
        if self.instance.pk and self.instance.kind == PartyUnit.Kind.CLP:
            for name in ("kind", "constituency", "constituencies"):
                self.fields[name].disabled = True
        else:
            self.fields["kind"].choices = [
                (value, label)
                for value, label in PartyUnit.Kind.choices
                if value != PartyUnit.Kind.CLP
            ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if self.instance.pk and self.instance.kind == PartyUnit.Kind.CLP:
            return data
        if kind == PartyUnit.Kind.BRANCH:
            if not data.get("constituency"):
                self.add_error("constituency", "Choose the CLP this branch belongs to.")
            if data.get("constituencies"):
                self.add_error("constituencies", "A branch belongs to one CLP: leave this empty.")
        elif kind == PartyUnit.Kind.LCF:
            if data.get("constituency"):
                self.add_error(
                    "constituency", "A Local Campaign Forum spans CLPs: choose them below."
                )
            if not data.get("constituencies"):
                self.add_error("constituencies", "Choose the CLPs this forum spans.")
        name = (data.get("name") or "").strip()
        if name and kind and not self.errors:
            same = PartyUnit.objects.filter(kind=kind, name__iexact=name).exclude(
                pk=self.instance.pk
            )
            if kind == PartyUnit.Kind.BRANCH:
                same = same.filter(constituency=data.get("constituency"))
            if same.exists():
                self.add_error("name", "There is already a unit of this kind with this name.")
        return data


# The register, in the admin


class ChooseUnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Which unit is it for?",
        queryset=PartyUnit.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of the units in the list."},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("kind", "name")


class ControllersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, officer_ids=(), **kwargs):
        self.officer_ids = set(officer_ids)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, user):
        label = f"{user.get_full_name() or user.email} ({user.email})"
        if user.pk not in self.officer_ids:
            label += ": no longer an officer"
        return label


class PresenceEntryForm(forms.Form):
    platform = forms.ChoiceField(choices=PresenceEntry.Platform.choices)
    handle = forms.CharField(
        max_length=120,
        required=False,
        help_text="The account's name, e.g. @TestfordLabour. Give this, the address, or both.",
    )
    url = forms.URLField(
        label="Address",
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text="Its web address, e.g. https://www.facebook.com/TestfordLabour.",
    )
    purpose = forms.CharField(
        max_length=250, help_text="What the account is for, e.g. news and events for members."
    )
    controllers = ControllersField(
        label="Officers who can sign in to it",
        queryset=get_user_model().objects.none(),
        help_text="Choose from the unit's current officers. Two or more are recommended, "
        "so the account never depends on one person.",
        error_messages={"required": "Choose at least one officer who can sign in to it."},
    )
    other_holders = forms.CharField(
        label="Anyone else who can sign in",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text="People who are not officers but can sign in, such as a branch's Facebook "
        "group admins: one a line, their name, a comma, then their email address, e.g. "
        "“Sam Jones, sam@example.org”. Everyone who can sign in is invited to the group "
        "administrators' course on Membersnet.",
    )
    credentials_note = forms.CharField(
        label="Where the sign-in details are kept",
        max_length=250,
        help_text="E.g. “In the CLP's password manager, shared with the Secretary”. "
        "Never the password itself.",
    )
    recovery_email = forms.EmailField(
        label="Recovery email address",
        required=False,
        max_length=254,
        help_text="Where the platform sends password resets. Use an address the CLP controls.",
        error_messages={"invalid": "Give an email address, like socialmedia@example.org."},
    )
    recovery_phone = forms.CharField(
        label="Recovery phone number",
        required=False,
        max_length=20,
        help_text="The number the platform texts sign-in codes to, if any, e.g. 07700 900123.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    def __init__(self, *args, unit: PartyUnit, entry: PresenceEntry | None = None, **kwargs):
        if entry is not None:
            initial = {
                name: getattr(entry, name)
                for name in self.base_fields
                if name not in ("controllers", "other_holders")
            }
            initial["controllers"] = [user.pk for user in entry.controllers.all()]
            initial["other_holders"] = format_other_holders(entry)
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        officer_ids = set(current_officers(unit).values_list("pk", flat=True))
        already = {user.pk for user in entry.controllers.all()} if entry else set()
        field = self.fields["controllers"]
        field.officer_ids = officer_ids
        field.queryset = (
            get_user_model()
            .objects.filter(pk__in=officer_ids | already)
            .order_by("first_name", "last_name", "email")
        )
        self.no_officers = not officer_ids

    def clean_other_holders(self):
        try:
            return parse_other_holders(self.cleaned_data["other_holders"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def clean(self):
        data = super().clean()
        # The model's own rules (a handle or an address; no password anywhere), checked
        # here too so they are explained alongside any other mistake, not after it.
        if "handle" in self.errors or "url" in self.errors:
            return data
        probe = PresenceEntry(
            handle=data.get("handle", ""),
            url=data.get("url", ""),
            purpose=data.get("purpose", ""),
            credentials_note=data.get("credentials_note", ""),
            recovery_email=data.get("recovery_email", ""),
            recovery_phone=data.get("recovery_phone", ""),
        )
        try:
            probe.clean()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    if field not in self.errors:
                        self.add_error(field, errors)
            else:
                self.add_error(None, error)
        return data


class ControlCheckForm(forms.Form):
    """Central staff's record of opening an account and looking for its control code."""

    found = forms.TypedChoiceField(
        label="Did you find the control code on the account?",
        choices=[("yes", "Yes, in its bio or a pinned post"), ("no", "No, it isn't there")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you found the code on the account."},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=300,
        help_text="Where you saw it, or what you saw instead.",
    )


# Filters for central staff's lists

FLAG_FILTERS = [
    ("", "Any"),
    ("open", "Any open flag"),
    ("none", "No open flag"),
    *Flag.Kind.choices,
]


class RegisterFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=PartyUnit.objects.order_by("kind", "name"), required=False, empty_label="All"
    )
    platform = forms.ChoiceField(
        choices=[("", "All"), *PresenceEntry.Platform.choices], required=False
    )
    flag = forms.ChoiceField(choices=FLAG_FILTERS, required=False)

    def filter(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["unit"]:
            entries = entries.filter(unit=data["unit"])
        if data["platform"]:
            entries = entries.filter(platform=data["platform"])
        flagged = Flag.objects.filter(resolved_on__isnull=True, entry__isnull=False)
        if data["flag"] == "open":
            entries = entries.filter(pk__in=flagged.values("entry_id"))
        elif data["flag"] == "none":
            entries = entries.exclude(pk__in=flagged.values("entry_id"))
        elif data["flag"]:
            entries = entries.filter(pk__in=flagged.filter(kind=data["flag"]).values("entry_id"))
        return entries
