from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .search import MAX_QUERY_LENGTH

NO_SOURCE = (
    "Add at least one source. Members share a fact with its source, so a fact cannot be "
    "saved without one."
)


class FactSearchForm(forms.Form):
    q = forms.CharField(
        label="Search the facts",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "max_length": "Search with fewer words: at most %(limit_value)d characters "
            "(you typed %(show_value)d)."
        },
    )


class FactAdminForm(WagtailAdminModelForm):
    """The staff form for a fact: its sources are edited inline, and one is required."""

    def clean(self):
        cleaned_data = super().clean()
        sources = self.formsets.get("sources")
        if sources is not None:
            sources.is_valid()  # cleans each source form, so deletions can be read
            kept = [
                form
                for form in sources.forms
                if (form.instance.pk or form.has_changed())
                and not sources._should_delete_form(form)
            ]
            if not kept:
                raise ValidationError(NO_SOURCE, code="no_source")
        return cleaned_data
