from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Role

# A browser's date picker only understands ISO dates, whatever the site's locale.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AppointmentForm(forms.Form):
    email = forms.EmailField(help_text="The email address of their LabourHub account.")
    role = forms.ChoiceField(choices=Role.choices)
    starts_on = forms.DateField(initial=timezone.localdate, widget=DATE_INPUT)
    ends_on = forms.DateField(
        required=False,
        widget=DATE_INPUT,
        help_text="The first day they no longer hold the role, if known.",
    )
    membership_exception = forms.CharField(
        label="Reason for an exception",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Officers must be current members of this constituency's party. Only to "
        "appoint someone who is not: say why (it is kept with the appointment and in the "
        "audit log).",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("No LabourHub account uses that email address.")
        self.user = user
        return email

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "An appointment cannot end before it starts.")
        return data
