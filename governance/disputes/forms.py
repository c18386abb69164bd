from django import forms

from governance.disputes.casework import members_for_case
from governance.disputes.evidence import DESCRIPTION_MAX_LENGTH, MAX_BYTES
from governance.disputes.referral import REASON_MAX_LENGTH
from governance.models import DisputeCase

State = DisputeCase.State


class ReferForm(forms.Form):
    reason = forms.CharField(
        label="Why are you referring it?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What shows the account is not under the officers' control, and who you "
        "think runs it, if you know. Only the disputes team reads this.",
        error_messages={
            "required": "Say why you are referring it: the disputes team starts from this.",
            "max_length": f"Keep it to {REASON_MAX_LENGTH:,} characters.",
        },
    )


CASE_FILTERS = [("", "Open"), ("all", "Any, closed too"), *State.choices]


class CaseFilterForm(forms.Form):
    state = forms.ChoiceField(label="State", choices=CASE_FILTERS, required=False)

    def filter(self, cases):
        state = self.cleaned_data.get("state", "") if self.is_valid() else ""
        if state == "all":
            return cases
        if state:
            return cases.filter(state=state)
        return cases.open()


class CaseStateForm(forms.Form):
    to_state = forms.ChoiceField(
        label="Move it to", error_messages={"invalid_choice": "Choose one of the states listed."}
    )
    note = forms.CharField(
        label="Note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was found or decided. Only the disputes team reads it.",
        error_messages={
            "required": "Add a note: the case's history keeps why it moved.",
            "max_length": "Keep the note to 2,000 characters.",
        },
    )
    seen_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [(value, State(value).label) for value in choices]


class EvidenceForm(forms.Form):
    image = forms.FileField(
        label="Screenshot",
        help_text=f"A PNG, JPEG, WebP or GIF, up to {MAX_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Choose a screenshot to upload."},
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )
    description = forms.CharField(
        label="What it shows",
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text="E.g. “Profile page, 3 March, claiming to be the CLP's official account”.",
        error_messages={
            "required": "Say what the screenshot shows, and when it was taken.",
            "max_length": f"Keep it to {DESCRIPTION_MAX_LENGTH} characters.",
        },
    )


class MemberForm(forms.Form):
    member = forms.ModelChoiceField(
        label="Member responsible",
        queryset=None,
        required=False,
        empty_label="Not known",
        error_messages={
            "invalid_choice": "Choose a member of the CLP the account claims to represent."
        },
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members_for_case(case).order_by("name", "pk")
        self.fields["member"].label_from_instance = lambda m: (
            f"{m.name} ({m.membership_number}, {m.get_status_display().lower()})"
        )


class ReleaseForm(forms.Form):
    """Releasing the member's name: a button, whose refusals show above it."""
