import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms import WagtailAdminPageForm

from constituencies.plain_text import single_line
from labourhub.public_forms import HoneypotForm

from .models import EventShift, EventSignup

EMAIL_MAX_LENGTH = EventSignup._meta.get_field("email").max_length
PHONE = re.compile(r"^\+?[0-9 ()-]{6,25}$")


class ShiftChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, shift):
        places = shift.places
        if places.is_full:
            return _("%(times)s: full, join the waiting list") % {"times": shift.times}
        if places.left is not None:
            return ngettext(
                "%(times)s: %(left)d place left", "%(times)s: %(left)d places left", places.left
            ) % {"times": shift.times, "left": places.left}
        return shift.times


class SignupForm(HoneypotForm):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "max_length": gettext_lazy(
                "An email address can be at most %(limit_value)d characters long."
            )
        },
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": gettext_lazy("Tick the box to agree, or we can't take your sign-up.")
        }
    )

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_phone(self):
        phone = single_line(self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number using digits, spaces and + ( ) -."))
        return phone

    def __init__(self, *args, consent_text: str, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        if event is not None and event.shift_list:
            # Offered first: which shifts is the question the form is for.
            self.fields = {"shifts": self._shift_field(event), **self.fields}

    @staticmethod
    def _shift_field(event) -> ShiftChoiceField:
        return ShiftChoiceField(
            queryset=EventShift.objects.filter(event=event, ends_at__gte=timezone.now())
            .with_places()
            .select_related("event"),
            label=_("Which shifts can you do?"),
            help_text=_("Pick one or more."),
            error_messages={
                "required": _("Pick at least one shift."),
                "invalid_choice": _("Pick shifts from the list: that one has finished or gone."),
                "invalid_pk_value": _("Pick shifts from the list."),
            },
        )


class EventEditorForm(WagtailAdminPageForm):
    """An event's editor: a shift people hold places on cannot be removed (cancelling
    their places first emails each of them)."""

    def clean(self):
        cleaned_data = super().clean()
        shifts = self.formsets.get("shifts")
        if shifts is None or not shifts.is_valid():
            return cleaned_data
        removed = [form.instance for form in shifts.deleted_forms if form.instance.pk]
        held = EventSignup.objects.active().filter(shift__in=removed).values("shift").distinct()
        if removed and held.exists():
            self.add_error(
                None,
                "People have signed up to a shift you removed, so it can't be removed yet. "
                "Cancel their places in Sign-ups first (each person is emailed).",
            )
        return cleaned_data
