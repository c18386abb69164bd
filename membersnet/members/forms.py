from django import forms

from .models import Member


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["digest_opt_in"]
