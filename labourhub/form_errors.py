"""Showing errors on forms: a model's or an operation's ValidationError on the form that
caused it, and every message phrased so that it makes sense away from its field (in the
summary at the top of the form)."""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils.text import Truncator
from django.utils.translation import gettext as _


def apply_validation_error(form, error: ValidationError) -> None:
    """Put each message beside its field, or above the form when the field is not on
    it, so that the person sees why and keeps what they typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Django's own "This field is required." says nothing a summary at the top of the form
# can be understood by: each field's is phrased from its label instead, unless the form
# gave it its own. (Lazy: compared in the language of the request, as Django's is.)
DEFAULT_REQUIRED = forms.Field.default_error_messages["required"]
SUMMARY_LABEL_WORDS = 8


@dataclass(frozen=True)
class SummaryItem:
    """One line of a form's error summary: "Email: enter email", linking to the field."""

    href: str
    text: str


def _label_in_sentence(label: str) -> str:
    """ "Email address" -> "email address", but "GSS code" and "I agree" stay as they are."""
    if len(label) > 1 and (label[1].isupper() or label[:2] == "I "):
        return label
    return label[:1].lower() + label[1:]


def required_message(field: BoundField) -> str:
    """What to tell someone who left `field` empty, phrased for it."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return _("Tick this box to continue")
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return _("Choose a file")
    if isinstance(widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return _("Choose an answer") if str(field.label).endswith("?") else _("Choose one")
    label = str(field.label).strip().rstrip(":")
    if label.endswith("?"):
        return _("Answer this question")
    # "Password (again)" -> "Enter password again"
    label = re.sub(r"\s*\(([^)]*)\)", r" \1", label)
    return _("Enter %(label)s") % {"label": _label_in_sentence(label)}


def field_errors(field: BoundField) -> list[str]:
    """The field's error messages, Django's bare "This field is required." phrased for
    the field."""
    messages = []
    for error in field.errors.as_data():
        for message in error.messages:
            if error.code == "required" and str(message) == str(DEFAULT_REQUIRED):
                message = required_message(field)
            messages.append(str(message))
    return messages


def field_anchor(field: BoundField) -> str:
    """The id to link to: the input's, or for a group of radios or checkboxes the id of
    the group itself (its fieldset's)."""
    return field.id_for_label or field.auto_id


def error_summary(form) -> list[SummaryItem]:
    """Every error on the form, each naming its field ("Email: enter email") and linking
    to it; errors about the form as a whole come last, unlinked (href "")."""
    items = []
    for field in form:
        # A consent box's label is a paragraph: its first words are enough to find it.
        label = Truncator(str(field.label).strip().rstrip(":.")).words(SUMMARY_LABEL_WORDS)
        separator = " " if label.endswith("?") else ": "
        for message in field_errors(field):
            if separator == ": ":
                message = _label_in_sentence(message)
            items.append(
                SummaryItem(href=f"#{field_anchor(field)}", text=f"{label}{separator}{message}")
            )
    items.extend(SummaryItem(href="", text=str(error)) for error in form.non_field_errors())
    return items
