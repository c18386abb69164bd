from django import forms
from django.db.models import Q

from constituencies.models import Constituency
from governance.models import (
    AccountReport,
    PartyUnit,
)
from governance.register.forms import (
    REPORTER_EMAIL_MAX_LENGTH,
    account_field,
    clean_account_field,
)
from labourhub.public_forms import HoneypotForm


def unit_choices() -> list:
    """Every unit someone might report about, grouped by kind, for a select that
    jumps to a name as it is typed."""
    units = (
        PartyUnit.objects.select_related("constituency")
        .filter(Q(constituency__isnull=True) | Q(constituency__status=Constituency.Status.ACTIVE))
        .order_by("name")
    )
    groups = {kind: [] for kind in PartyUnit.Kind}
    for unit in units:
        label = unit.name
        if unit.kind == PartyUnit.Kind.BRANCH:
            label = f"{unit.name} ({unit.constituency.name} CLP)"
        groups[unit.kind].append((unit.pk, label))
    headings = {
        PartyUnit.Kind.CLP: "Constituency Labour Parties",
        PartyUnit.Kind.BRANCH: "Branches",
        PartyUnit.Kind.LCF: "Local Campaign Forums",
    }
    return [("", "I don't know, or none of these")] + [
        (headings[kind], choices) for kind, choices in groups.items() if choices
    ]


class ReportForm(HoneypotForm):
    unit = forms.TypedChoiceField(
        label="Which local party does it claim to represent?",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="A constituency Labour party (CLP), a branch or a Local Campaign Forum. "
        "Type the first letters of its name to jump to it.",
        error_messages={"invalid_choice": "Choose a local party from the list, or leave it."},
    )
    account = account_field(
        help_text="Its name, such as @TestfordLabour, or a link to the account or website."
    )
    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=AccountReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is wrong with the account."},
    )
    details = forms.CharField(
        label="Tell us more",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What it posts or claims, and anything else that will help us look into "
        "it. Central staff read this; it is not passed on to the local party's officers.",
        error_messages={
            "required": "Tell us a little about the account, so we can look into it.",
            "max_length": "Keep it to 3,000 characters.",
        },
    )
    reporter_name = forms.CharField(
        label="Your name",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_email = forms.EmailField(
        label="Your email address",
        required=False,
        max_length=REPORTER_EMAIL_MAX_LENGTH,
        error_messages={
            "max_length": "An email address can be at most "
            f"{REPORTER_EMAIL_MAX_LENGTH} characters long."
        },
        help_text="Only if you are happy for central staff to contact you about this report.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices()

    def clean_unit(self):
        pk = self.cleaned_data["unit"]
        if pk is None:
            return None
        unit = PartyUnit.objects.select_related("constituency").filter(pk=pk).first()
        if unit is None:
            raise forms.ValidationError("Choose a local party from the list, or leave it.")
        return unit

    def clean_account(self):
        return clean_account_field(self.cleaned_data["account"])


REPORT_STATUS_FILTERS = [
    ("", "Any"),
    ("open", "Open (new or investigating)"),
    *AccountReport.Status.choices,
]


class ReportFilterForm(forms.Form):
    status = forms.ChoiceField(choices=REPORT_STATUS_FILTERS, required=False)
    unit = forms.ModelChoiceField(
        queryset=PartyUnit.objects.order_by("kind", "name"), required=False, empty_label="All"
    )

    def filter(self, reports):
        if not self.is_valid():
            return reports
        data = self.cleaned_data
        if data["status"] == "open":
            reports = reports.filter(status__in=AccountReport.OPEN_STATUSES)
        elif data["status"]:
            reports = reports.filter(status=data["status"])
        if data["unit"]:
            reports = reports.filter(unit=data["unit"])
        return reports


class ReportStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label="New state", error_messages={"invalid_choice": "Choose one of the states listed."}
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you found or did. The unit's designated administrators can read it; "
        "the reporter can't.",
    )
    seen_status = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (value, AccountReport.Status(value).label) for value in choices
        ]
