"""Demo courses for `make run`: the publishing course officers must take (a video with
captions and a transcript, a resource, a quiz with explanations, a certificate valid for
a year, and a last lesson on publishing in Welsh) and a short course without a quiz.
Invented text."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from .models import Course, Lesson, LessonResource, QuizQuestion

DEMO_MEDIA = Path(__file__).parent / "demo_media"
PUBLISHING_SLUG = "publishing-on-your-clp-site"

INTRO_TRANSCRIPT = """\
[A red title card reads "Publishing on your CLP site". A short tone plays.]

Narrator: Welcome to Publishing on your CLP site.

Narrator: In this demo lesson you'll learn who may publish, and how."""

# (question, (answer A, B, C), right answer, explanation): explanations teach the point
# without naming the answer, because members see them after every try.
QUESTIONS = [
    (
        "Who may publish on a CLP's site?",
        ("Any member", "Trained officers and the editors they appoint", "Anyone with the password"),
        "b",
        "Publishing speaks for the local party, so it is kept to the people the CLP has "
        "made responsible for it, once they have done this course. Lesson 1, “Who publishes "
        "for the party”, explains who they are.",
    ),
    (
        "What must every image on the site have?",
        ("A watermark", "Alt text describing it", "A caption in capitals"),
        "b",
        "Some visitors use screen readers and never see the picture: the site must tell "
        "them what it shows. Lesson 2, “Writing news people read”, covers it.",
    ),
    (
        "Who should own a Facebook page claiming to speak for the CLP?",
        ("The member who set it up", "The CLP's current officers", "Nobody in particular"),
        "b",
        "The party's rules say any online presence that claims to represent the local "
        "party is owned and controlled by its officers, so that it outlasts any one person. "
        "See lesson 1.",
    ),
    (
        "What makes an event easy to find?",
        ("The day, time, place and postcode", "A long description", "A hashtag"),
        "a",
        "People decide whether they can come, and find their way there, from the practical "
        "details. Lesson 3, “Events that fill up”, lists what every event needs.",
    ),
]


def _ownership_rule_path() -> str:
    # The rulebook's lasting link to the rule on who owns online presence, named by
    # its URL: the training and the rulebook do not import each other.
    return reverse(
        "rulebook:rule", kwargs={"key": "online-presence"}, urlconf=settings.PUBLIC_SCHEMA_URLCONF
    )


def _checklist_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(60, 780, "Before you publish: a checklist (demo)")
    pdf.setFont("Helvetica", 12)
    for number, line in enumerate(
        [
            "Is it accurate, and can you point to the source?",
            "Does every image have alt text?",
            "Does it carry the imprint where election law asks for one?",
            "Would you be happy to see it on the front page of the local paper?",
        ]
    ):
        pdf.drawString(60, 740 - number * 24, f"{number + 1}. {line}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


WELSH_LESSON_TITLE = "Publishing in Welsh"
WELSH_LESSON_TEXT = (
    "<p>Every site in Wales is in Welsh and English: English at the site's address, Welsh "
    "under /cy/ (for example /cy/news/). Central staff can switch Welsh on for a site "
    "anywhere else. A visitor chooses a language with the switch at the top of each page, "
    "and the site remembers it.</p>"
    "<h2>Translating a page</h2>"
    "<ol><li>Publish the page in English first.</li>"
    "<li>In the admin, open the page's menu (⋯) and choose <b>Translate this page</b>. "
    "Tick <b>Cymraeg</b> and choose <b>Submit</b>.</li>"
    "<li>The translation screen shows each piece of the page in English with a box for the "
    "Welsh. Write the Welsh yourself, or ask someone who speaks it: the platform never "
    "translates by machine.</li>"
    "<li>Choose <b>Publish in Cymraeg</b>. Until then the Welsh page is a draft and "
    "visitors to /cy/ do not see it.</li></ol>"
    "<p>When you change the English later, choose <b>Sync translated pages</b> on the English "
    "page: the Welsh page then shows which pieces need translating again.</p>"
    "<h2>The parity check</h2>"
    "<p>Both languages should say the same thing. Your admin dashboard lists the published "
    "pages that have no Welsh version yet, and those whose Welsh is older than the English, "
    "each with a link to its translation screen. Central staff see the same list on the "
    "compliance dashboard, and a key event or news story that has been live in one language "
    "for more than 48 hours without the other is flagged overnight.</p>"
    "<h2>What is in Welsh</h2>"
    "<ul><li>Everything the public sees on a Welsh page: menus, buttons, dates, sign-up and "
    "contact forms and their error messages.</li>"
    "<li>The emails people get after signing up or writing to you, in the language they "
    "used.</li>"
    "<li>The news feed and the events calendar, in each language.</li>"
    "<li>The Wagtail admin, if you choose it: go to <b>Account</b> (your name, at the bottom "
    "of the menu), then under <b>Locale</b> set <b>Preferred language</b> to "
    "<b>Cymraeg</b> and save. Wagtail's own Welsh does not cover every screen yet, so some "
    "words stay in English, and our own screens (sign-ups, the register, reports) are in "
    "English.</li></ul>"
    "<p>Membersnet, including this course, is in English for now.</p>"
)


def _add_welsh_lesson(course) -> None:
    """The lesson on publishing in Welsh, last in the course, added to a demo course made
    before it existed."""
    if course.lessons.filter(title=WELSH_LESSON_TITLE).exists():
        return
    last = course.lessons.order_by("-position").values_list("position", flat=True).first()
    Lesson.objects.create(
        course=course,
        position=(last or 0) + 1,
        title=WELSH_LESSON_TITLE,
        text=WELSH_LESSON_TEXT,
    )


def _fill_details(course) -> None:
    """Transcripts and explanations for a demo course made before they existed."""
    explanations = {question: why for question, _, _, why in QUESTIONS}
    for question in course.questions.filter(explanation=""):
        if question.question in explanations:
            question.explanation = explanations[question.question]
            question.save(update_fields=["explanation"])
    course.lessons.filter(position=1, transcript="").exclude(video="").update(
        transcript=INTRO_TRANSCRIPT
    )


@transaction.atomic
def fill_demo_courses() -> bool:
    if Course.objects.exists():
        publishing = Course.objects.filter(slug=PUBLISHING_SLUG).first()
        if publishing:
            _fill_details(publishing)
            _add_welsh_lesson(publishing)
        return False
    publishing = Course.objects.create(
        title="Publishing on your CLP site",
        slug=PUBLISHING_SLUG,
        summary="Who may publish for the local party, how to write a good news story and "
        "event, and the rules that keep the party safe online. Required for Secretaries, "
        "Social Media Officers and editors.",
        is_published=True,
        required_for_publishing=True,
        pass_mark=75,
        months_valid=12,
    )
    intro = Lesson(
        course=publishing,
        position=1,
        title="Who publishes for the party",
        text="<p>Every CLP has designated administrators of its online presence: its "
        "Secretary or its Social Media Officer. They, and the editors they appoint, publish "
        "on the CLP's site once trained.</p><p>Anything that claims to speak for the party "
        "locally must be owned and controlled by its officers: that is "
        f'<a href="{_ownership_rule_path()}">the party\'s rule on online presence</a>, and '
        "breaking it is a matter of party discipline.</p>",
        video_description="A red title card reading “Publishing on your CLP site”.",
        transcript=INTRO_TRANSCRIPT,
    )
    intro.video.save(
        "publishing-intro.webm",
        ContentFile((DEMO_MEDIA / "publishing-intro.webm").read_bytes()),
        save=False,
    )
    intro.captions.save(
        "publishing-intro.vtt",
        ContentFile((DEMO_MEDIA / "publishing-intro.vtt").read_bytes()),
        save=False,
    )
    intro.save()
    resource = LessonResource(lesson=intro, title="Before you publish: a checklist (PDF)")
    resource.file.save("publishing-checklist.pdf", ContentFile(_checklist_pdf()), save=False)
    resource.save()
    Lesson.objects.create(
        course=publishing,
        position=2,
        title="Writing news people read",
        text="<p>Lead with what changed and who it helps. Keep the summary to two sentences. "
        "Choose a picture that shows people, and describe it in its alt text.</p>",
    )
    Lesson.objects.create(
        course=publishing,
        position=3,
        title="Events that fill up",
        text="<p>Give the day, time, place and postcode. Set a capacity so people can sign "
        "up. Mark your key events: they come with a publicity kit.</p>",
    )
    _add_welsh_lesson(publishing)
    for order, (question, (a, b, c), right, why) in enumerate(QUESTIONS):
        QuizQuestion.objects.create(
            course=publishing,
            sort_order=order,
            question=question,
            choice_a=a,
            choice_b=b,
            choice_c=c,
            correct=right,
            explanation=why,
        )

    arguments = Course.objects.create(
        title="Winning arguments online",
        slug="winning-arguments-online",
        summary="Using the knowledge bank to answer a claim with a fact and its source, "
        "and staying kind while you do it.",
        is_published=True,
    )
    Lesson.objects.create(
        course=arguments,
        position=1,
        title="Find the fact",
        text="<p>Search the knowledge bank, pick the fact that answers the point, and copy "
        "its ready-made post: the source comes with it.</p>",
    )
    Lesson.objects.create(
        course=arguments,
        position=2,
        title="Keep it kind",
        text="<p>Answer the argument, not the person. One fact and a link beats a thread.</p>",
    )
    return True


GROUP_ADMIN_SLUG = "social-media-for-group-administrators"  # settings.GROUP_ADMIN_COURSE_SLUG


@transaction.atomic
def fill_demo_group_admin_course() -> bool:
    """The course everyone who can sign in to a registered account is invited to. Made
    on its own (not with the others) so an existing demo database gets it too."""
    if Course.objects.filter(slug=GROUP_ADMIN_SLUG).exists():
        return False
    course = Course.objects.create(
        title="Looking after the party's accounts",
        slug=GROUP_ADMIN_SLUG,
        summary="For social media officers and group administrators: who owns an account "
        "that speaks for the party, keeping control of it, handing it over, and using it "
        "to publicise what the party does.",
        is_published=True,
    )
    lessons = [
        (
            "Who owns the account",
            "<p>Any social media account, website, page or group that claims to represent "
            "the local party is owned and controlled by the officers of its branch, CLP or "
            "Local Campaign Forum. The person who set it up does not own it. Breaking this "
            "rule is a matter of party discipline.</p><p>Every such account is on the CLP's "
            "register, which says who can sign in, where the sign-in details are kept and "
            "where password resets go.</p>",
        ),
        (
            "Keeping control",
            "<p>At least two officers can sign in to every account. Passwords live in a "
            "shared password manager, never in an email or on the register. The recovery "
            "email and phone belong to the CLP, not to one person.</p><p>Put the account's "
            "control code in its bio or a pinned post: central staff check it there. An "
            "officer confirms on the register, at least once every review period, that the "
            "CLP still controls it.</p>",
        ),
        (
            "Handing over, and making it count",
            "<p>When someone who can sign in leaves office: change the password, move the "
            "recovery email and phone, remove them from the admins, and update the register. "
            "</p><p>Use the account to make sure key events are well publicised: early, more "
            "than once, with the event's publicity kit. Read the full guidelines for social "
            "media officers and group administrators in the rulebook's guidance.</p>",
        ),
    ]
    for position, (title, text) in enumerate(lessons, start=1):
        Lesson.objects.create(course=course, position=position, title=title, text=text)
    return True
