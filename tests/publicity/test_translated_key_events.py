"""A Welsh translation of a key event is the same event: the hub keeps one record of
it, and officers get one reminder, not one per language."""

from constituencies.languages.translating import translate_page
from constituencies.website.models import EventPage
from governance.models import KeyEventRecord
from publicity.reminders import events_to_remind_about
from tests.factories import add_event

from .shared import record_of


def _translated_key_event(starts_in_days=3):
    english = add_event("Meet your candidate", starts_in_days=starts_in_days, is_key_event=True)
    english.save_revision().publish()
    welsh = translate_page(english, {"Meet your candidate": "Cwrdd â'ch ymgeisydd"})
    welsh.save_revision().publish()  # as the translation screen publishes it
    assert welsh.is_key_event  # wagtail-localize copies it from the English
    return english, welsh


def test_a_translated_key_event_has_one_record_and_one_reminder(clp_b, in_schema):
    with in_schema(clp_b):
        english, welsh = _translated_key_event()
        reminded = list(events_to_remind_about())
    assert list(KeyEventRecord.objects.filter(constituency=clp_b)) == [record_of(clp_b, english)]
    assert [event.pk for event in reminded] == [english.pk]


def test_the_welsh_version_is_recorded_while_the_english_is_not_live(clp_b, in_schema):
    with in_schema(clp_b):
        english, welsh = _translated_key_event()
        EventPage.objects.get(pk=english.pk).unpublish()
        assert record_of(clp_b, english) is None
        assert record_of(clp_b, welsh) is not None
        assert [event.pk for event in events_to_remind_about()] == [welsh.pk]
        EventPage.objects.get(pk=english.pk).save_revision().publish()
    assert record_of(clp_b, welsh) is None
    assert record_of(clp_b, english) is not None


def test_deleting_the_english_leaves_the_welsh_recorded(clp_b, in_schema):
    with in_schema(clp_b):
        english, welsh = _translated_key_event()
        EventPage.objects.get(pk=english.pk).delete()
    assert list(KeyEventRecord.objects.filter(constituency=clp_b)) == [record_of(clp_b, welsh)]
