"""Error messages that make sense away from their field: Django's bare "This field is
required." phrased for each field, and a summary naming the field of every error."""

import pytest
from django import forms
from django.template import Context, Template

from labourhub.form_errors import error_summary, field_errors


class Everything(forms.Form):
    email = forms.EmailField(label="Email")
    gss_code = forms.CharField(label="GSS code")
    reason = forms.ChoiceField(
        label="Why are you referring it?", choices=[("a", "A")], widget=forms.RadioSelect
    )
    region = forms.ChoiceField(label="Party region", choices=[("a", "A")])
    document = forms.FileField(label="File")
    agree = forms.BooleanField(
        label="I agree that Testford North Labour may keep my name and email address."
    )
    purpose = forms.CharField(label="What is it for?")
    subject = forms.CharField(error_messages={"required": "Say what your message is about."})
    password2 = forms.CharField(label="Password (again)")

    def clean(self):
        raise forms.ValidationError("Something about the form as a whole.")


@pytest.fixture
def form():
    bound = Everything(data={})
    assert not bound.is_valid()
    return bound


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("email", "Enter email"),
        ("gss_code", "Enter GSS code"),
        ("reason", "Choose an answer"),
        ("region", "Choose one"),
        ("document", "Choose a file"),
        ("agree", "Tick this box to continue"),
        ("purpose", "Answer this question"),
        ("subject", "Say what your message is about."),
        ("password2", "Enter password again"),
    ],
)
def test_an_empty_required_field_is_told_what_to_do_in_its_own_words(form, field, message):
    assert field_errors(form[field]) == [message]


def test_other_messages_are_left_as_they_are():
    form = Everything(data={"email": "not-an-email"})
    assert field_errors(form["email"]) == ["Enter a valid email address."]


def test_the_summary_names_each_field_and_links_to_it(form):
    assert [(item.href, item.text) for item in error_summary(form)] == [
        ("#id_email", "Email: enter email"),
        ("#id_gss_code", "GSS code: enter GSS code"),
        ("#id_reason", "Why are you referring it? Choose an answer"),
        ("#id_region", "Party region: choose one"),
        ("#id_document", "File: choose a file"),
        ("#id_agree", "I agree that Testford North Labour may keep…: tick this box to continue"),
        ("#id_purpose", "What is it for? Answer this question"),
        ("#id_subject", "Subject: say what your message is about."),
        ("#id_password2", "Password (again): enter password again"),
        ("", "Something about the form as a whole."),
    ]


def test_the_summary_never_repeats_the_bare_required_message(form):
    html = Template("{% load form_error_tags %}{% error_summary form %}").render(
        Context({"form": form})
    )
    assert "This field is required" not in html
    assert '<li><a href="#id_email">Email: enter email</a></li>' in html
    assert "<li>Something about the form as a whole.</li>" in html


def test_a_form_without_errors_has_no_summary():
    html = Template("{% load form_error_tags %}{% error_summary form %}").render(
        Context({"form": Everything()})
    )
    assert html.strip() == ""
