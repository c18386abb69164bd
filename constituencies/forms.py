from django import forms

from .models import Constituency, Nation


class ProvisionConstituencyForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="As the Boundary Commission spells it.")
    gss_code = forms.CharField(
        label="GSS code",
        max_length=9,
        help_text="A letter (E, S, W or N) and eight digits, like E14001063.",
    )
    slug = forms.SlugField(
        max_length=50,
        required=False,
        help_text="The site's address: <slug>.<platform domain>. Leave empty to make one from "
        "the name.",
    )
    custom_domain = forms.CharField(
        max_length=253,
        required=False,
        help_text="Optional, e.g. bristoleastlabour.org.uk. It becomes the site's main address.",
    )


class ConstituencyFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    nation = forms.ChoiceField(choices=[("", "All nations"), *Nation.choices], required=False)
    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Constituency.Status.choices], required=False
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        queryset = queryset.search(data["q"])
        if data["nation"]:
            queryset = queryset.filter(nation=data["nation"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        return queryset
