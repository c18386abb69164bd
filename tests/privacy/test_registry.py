"""The registry of personal data: every model that may hold it is declared."""

import pytest
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.test.utils import isolate_apps

from privacy import registry
from privacy.registry import NotPersonal, OnErasure, PersonalData, looks_personal


def test_every_model_that_looks_personal_is_declared():
    assert registry.undeclared_models() == []


def test_a_model_left_out_of_the_registry_is_reported(monkeypatch):
    kept = tuple(d for d in registry._discovered() if d.model != "signups.EventSignup")
    monkeypatch.setattr(registry, "_discovered", lambda: kept)
    assert registry.undeclared_models() == [
        "signups.EventSignup (name, email, phone, consent_text)"
    ]


@isolate_apps("privacy")
def test_email_ip_names_phones_postcodes_free_text_and_accounts_look_personal():
    class Visitor(models.Model):
        email = models.EmailField()
        ip_address = models.GenericIPAddressField()
        full_name = models.CharField(max_length=50)
        phone_number = models.CharField(max_length=20)
        postcode = models.CharField(max_length=8)
        note = models.TextField()
        owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE)
        colour = models.CharField(max_length=10)
        visits = models.IntegerField()

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return self.email

    assert looks_personal(Visitor) == [
        "email",
        "ip_address",
        "full_name",
        "phone_number",
        "postcode",
        "note",
        "owner",
    ]


def _unknown_lookups(declaration) -> list[str]:
    """The lookups and anonymised fields `declaration` names that its model lacks."""
    model = declaration.model_class
    unknown = []
    for lookup in (
        *declaration.fields,
        *declaration.by_email,
        *declaration.by_user,
        *declaration.by_name,
        *declaration.context,
    ):
        try:
            str(model._default_manager.values(lookup).query)
        except FieldError:
            unknown.append(lookup)
    for name in declaration.anonymised:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            unknown.append(name)
    return unknown


def test_every_declaration_names_fields_its_model_has():
    unknown = {
        declaration.model: _unknown_lookups(declaration)
        for declaration in registry.declarations()
        if _unknown_lookups(declaration)
    }
    assert unknown == {}


def test_a_declaration_naming_a_missing_field_is_caught():
    wrong = PersonalData(
        "signups.EventSignup",
        ("email", "shoe_size"),
        "w",
        "p",
        "b",
        "k",
        OnErasure.ANONYMISE,
        ("event__organiser",),
        anonymised={"nickname": ""},
    )
    assert _unknown_lookups(wrong) == ["shoe_size", "event__organiser", "nickname"]


def test_no_model_is_declared_twice():
    labels = [d.model.lower() for d in registry._discovered()]
    assert len(labels) == len(set(labels))


def test_every_declaration_says_why_and_for_how_long():
    for declaration in registry.declarations():
        assert declaration.whose
        assert declaration.purpose
        assert declaration.lawful_basis
        assert declaration.kept
    for declaration in registry.not_personal():
        assert isinstance(declaration, NotPersonal)
        assert declaration.why


def test_keeping_without_an_exemption_or_anonymising_without_values_is_refused():
    with pytest.raises(ValueError, match="exemption"):
        PersonalData(
            "signups.EventSignup", ("email",), "w", "p", "b", "k", OnErasure.KEEP, ("email",)
        )
    with pytest.raises(ValueError, match="anonymised"):
        PersonalData(
            "signups.EventSignup", ("email",), "w", "p", "b", "k", OnErasure.ANONYMISE, ("email",)
        )
