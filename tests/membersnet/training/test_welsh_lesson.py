"""The publishing course ends with a lesson on publishing in Welsh: translating a page,
the parity check, the admin in Welsh, and what is (and is not yet) in Welsh."""

from membersnet.training.demo import WELSH_LESSON_TITLE, fill_demo_courses
from membersnet.training.models import Course

from .shared import words


def publishing_course():
    return Course.objects.get(slug="publishing-on-your-clp-site")


def test_the_publishing_course_ends_with_publishing_in_welsh(member):
    fill_demo_courses()
    lesson = publishing_course().lessons.order_by("position").last()
    assert (lesson.position, lesson.title) == (4, WELSH_LESSON_TITLE)
    page = words(member.get(lesson.get_absolute_url()))
    for point in [
        "Welsh under /cy/",
        "choose Translate this page. Tick Cymraeg",
        "Publish in Cymraeg",
        "the platform never translates by machine",
        "Sync translated pages",
        "whose Welsh is older than the English",
        "more than 48 hours",
        "set Preferred language to Cymraeg",
        "the emails people get after signing up or writing to you",
        "The news feed and the events calendar",
        "Membersnet, including this course, is in English for now.",
    ]:
        assert point.lower() in page.lower(), point


def test_a_demo_course_made_before_the_lesson_gets_it_once(db):
    fill_demo_courses()
    publishing_course().lessons.filter(title=WELSH_LESSON_TITLE).delete()
    assert fill_demo_courses() is False
    assert fill_demo_courses() is False
    titles = list(publishing_course().lessons.values_list("title", flat=True))
    assert titles.count(WELSH_LESSON_TITLE) == 1
    assert titles[-1] == WELSH_LESSON_TITLE
