from django import forms

from .files import MAX_DOCUMENT_BYTES, validate_document
from .models import Edition, StandingOrders
from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the rulebook",
        max_length=MAX_QUERY_LENGTH,
        help_text="Words, a phrase, or a clause number like 3.2.1.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "required": "Type a word, a phrase or a clause number to search for.",
            "max_length": "Search for %(limit_value)d characters or fewer "
            "(you typed %(show_value)d).",
        },
    )


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, edition):
        return f"{edition.year}: {edition.title}"


class CompareForm(forms.Form):
    old = EditionChoiceField(
        label="Earlier edition", queryset=Edition.objects.none(), to_field_name="year"
    )
    new = EditionChoiceField(
        label="Later edition", queryset=Edition.objects.none(), to_field_name="year"
    )

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].queryset = editions
        self.fields["new"].queryset = editions

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old"), cleaned.get("new")
        if old and new and old == new:
            raise forms.ValidationError("Choose two different editions to compare.")
        return cleaned


class StandingOrdersForm(forms.ModelForm):
    file = forms.FileField(
        label="File",
        help_text=f"A PDF, ODT or DOCX, up to {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.",
        validators=[validate_document],
        error_messages={
            "required": "Choose the file to upload.",
            "empty": "The file is empty: choose the saved standing orders.",
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.odt,.docx,application/pdf,"
                "application/vnd.oasis.opendocument.text,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )

    class Meta:
        model = StandingOrders
        fields = ["title", "adopted_on", "file", "text"]
        labels = {"text": "Text of the standing orders"}
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "title": {"required": "Give the standing orders a title."},
            "adopted_on": {
                "required": "Give the date the CLP adopted them.",
                "invalid": "Give the date as a real date, like 2026-03-14.",
            },
            "text": {"required": "Paste in the text, so members can search it."},
        }
