from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from constituencies.plain_text import single_line
from constituencies.postcodes import normalise_postcode
from labourhub.public_forms import HoneypotForm

from .models import ContactMessage

EMAIL_MAX_LENGTH = ContactMessage._meta.get_field("email").max_length


class ContactForm(HoneypotForm):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=gettext_lazy(
            "We'll send you a link to confirm it's you before your message is delivered."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "An email address can be at most %(limit_value)d characters long."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    postcode = forms.CharField(
        label=gettext_lazy("Postcode"),
        max_length=10,
        help_text=gettext_lazy("Your MP answers people who live in the constituency."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    message = forms.CharField(
        label=gettext_lazy("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, offer_send_anyway=False, **kwargs):
        """`offer_send_anyway`: the postcode is in another constituency, and the sender
        may still send (their message may be about this one)."""
        super().__init__(*args, **kwargs)
        if offer_send_anyway:
            self.fields["send_anyway"] = forms.BooleanField(
                required=False, label=gettext_lazy("I know, send my message anyway")
            )

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_subject(self):
        return single_line(self.cleaned_data["subject"])

    def clean_message(self):
        return self.cleaned_data["message"].replace("\x00", "")

    def clean_postcode(self):
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
