import re

from django import forms

from constituencies.plain_text import single_line
from labourhub.public_forms import HoneypotForm

from .models import EventSignup

EMAIL_MAX_LENGTH = EventSignup._meta.get_field("email").max_length
PHONE = re.compile(r"^\+?[0-9 ()-]{6,25}$")


class SignupForm(HoneypotForm):
    name = forms.CharField(max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "max_length": f"An email address can be at most {EMAIL_MAX_LENGTH} characters long."
        },
    )
    phone = forms.CharField(
        label="Phone",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to agree, or we can't take your sign-up."}
    )

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_phone(self):
        phone = single_line(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("Enter a phone number using digits, spaces and + ( ) -.")
        return phone

    def __init__(self, *args, consent_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
