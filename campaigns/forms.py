from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from constituencies.plain_text import single_line
from constituencies.postcodes import normalise_postcode
from labourhub.public_forms import HoneypotForm

from .models import Audience, CampaignPledge

EMAIL_MAX_LENGTH = CampaignPledge._meta.get_field("email").max_length


class PledgeForm(HoneypotForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "max_length": format_lazy(
                _("An email address can be at most {} characters long."), EMAIL_MAX_LENGTH
            ),
        },
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        help_text=_("So we know where support comes from. For example BS5 6AB."),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree, or we can't add your name.")}
    )

    def __init__(self, *args, consent_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text

    def clean_name(self):
        name = single_line(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Enter your name."))
        return name

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


class CampaignAdminForm(WagtailAdminModelForm):
    """Staff's form: the list of constituencies is checked here, as a model's clean()
    cannot see its many-to-many choices before they are saved."""

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("constituencies")
        if cleaned.get("audience") == Audience.LIST and not chosen:
            self.add_error("constituencies", "Choose the constituencies it goes to.")
        elif cleaned.get("audience") != Audience.LIST and chosen:
            cleaned["constituencies"] = chosen.none()
        return cleaned
