from django import forms

from .models import REGIONS_OF_NATION, Constituency, Nation

REGION_CHOICES = [
    ("", "None yet"),
    (Nation.ENGLAND.label, [(r.value, r.label) for r in REGIONS_OF_NATION[Nation.ENGLAND]]),
    (
        "Scotland and Wales",
        [(r.value, r.label) for n in (Nation.SCOTLAND, Nation.WALES) for r in REGIONS_OF_NATION[n]],
    ),
]


class ProvisionConstituencyForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        help_text="As the list of constituencies (the Boundary Commissions) spells it.",
    )
    gss_code = forms.CharField(
        label="GSS code",
        max_length=9,
        help_text="A letter (E, S, W or N) and eight digits, like E14001063. The name must "
        "be the one the list of constituencies gives this code.",
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
    region = forms.ChoiceField(
        label="Party region",
        choices=REGION_CHOICES,
        required=False,
        help_text="For the compliance dashboard's filter. A constituency in Scotland or Wales "
        "is in Scotland or Wales without choosing.",
    )
    override = forms.BooleanField(
        label="Override the list of constituencies",
        required=False,
        help_text="Provision it although its name or GSS code is not as the list has it: only "
        "when the list is out of date, e.g. a constituency renamed or a new boundary. Say why "
        "below: the reason goes in the audit log.",
    )
    override_reason = forms.CharField(
        label="Why the list is overridden",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("override") and not " ".join(cleaned.get("override_reason", "").split()):
            self.add_error("override_reason", "Say why the list of constituencies is overridden.")
        return cleaned

    def provisioning_details(self) -> dict:
        """The arguments for `provision_constituency`: a reason counts only when the
        override is ticked."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "gss_code": data["gss_code"],
            "slug": data["slug"],
            "custom_domain": data["custom_domain"],
            "region": data["region"],
            "override_reason": data["override_reason"] if data["override"] else "",
        }


class ConstituencyFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    nation = forms.ChoiceField(choices=[("", "All nations"), *Nation.choices], required=False)
    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Constituency.Status.choices], required=False
    )
    languages = forms.ChoiceField(
        choices=[("", "All languages"), ("welsh", "Offer Welsh"), ("english", "English only")],
        required=False,
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
        if data["languages"]:
            queryset = queryset.filter(offers_welsh=data["languages"] == "welsh")
        return queryset


class SiteLanguagesForm(forms.Form):
    """Central staff's switch for a constituency's Welsh pages, and its name in Welsh."""

    offers_welsh = forms.BooleanField(
        label="Offer Welsh",
        required=False,
        help_text="Welsh pages at /cy/ beside the English ones, and a language switch.",
    )
    welsh_name = forms.CharField(
        label="Name in Welsh",
        max_length=Constituency._meta.get_field("welsh_name").max_length,
        required=False,
        help_text="Shown on the Welsh pages, e.g. Dwyrain Caerdydd. Blank: the English name.",
    )

    def clean_welsh_name(self):
        return " ".join(self.cleaned_data["welsh_name"].split())
