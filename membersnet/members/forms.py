from allauth.account.forms import SignupForm
from django import forms
from django.core.exceptions import ValidationError

from .joining import find_member_for_signup
from .models import Member
from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search Membersnet",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text="Words or a “quoted phrase”: searches training, the rulebook and the facts.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "max_length": "Search with fewer words: at most %(limit_value)d characters "
            "(you typed %(show_value)d)."
        },
    )


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["digest_opt_in"]


class MemberSignupForm(SignupForm):
    """Sign-up (allauth's form, ACCOUNT_FORMS) for members only: the membership number
    and the email address on their member record must match."""

    membership_number = forms.CharField(
        max_length=12,
        help_text="It's on your membership card and in emails from the party, like L1234567.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    field_order = ["membership_number", "email", "password1", "password2"]

    def clean(self):
        data = super().clean()
        if "membership_number" in data and data.get("email"):
            try:
                self.member = find_member_for_signup(data["membership_number"], data["email"])
            except ValidationError as error:
                self.add_error(None, error)
        return data
