"""Training courses: ordered lessons (a video with captions and a transcript, text,
resources), an optional short quiz, and a certificate anyone can verify, which expires
after the period staff set on its course."""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from membersnet.private_files import private_storage

VIDEO_TYPES = ["mp4", "webm"]
CAPTION_TYPES = ["vtt"]
RESOURCE_TYPES = ["pdf", "docx", "odt", "pptx", "xlsx", "csv", "txt", "png", "jpg"]
SEARCH_CONFIG = "english"


def _stored_search_vector(*weighted_fields):
    """A generated column the database keeps current on every write, so a search never
    builds a tsvector per row (as the rulebook's and knowledge bank's)."""
    vector = None
    for field, weight in weighted_fields:
        part = SearchVector(field, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return models.GeneratedField(
        expression=vector, output_field=SearchVectorField(), db_persist=True
    )


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Course(ClusterableModel):
    """A course: lessons in order and, optionally, a quiz that must be passed."""

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(max_length=400)
    is_published = models.BooleanField("published", default=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    required_for_publishing = models.BooleanField(
        "required to publish",
        default=False,
        help_text="Secretaries, Social Media Officers and editors must complete this course "
        "before they can publish on their CLP's site.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        "quiz pass mark (%)",
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    months_valid = models.PositiveSmallIntegerField(
        "certificate valid for (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Leave blank if the certificate never expires. Members are reminded a month "
        "before theirs does, and renew it by passing the course again. Changing this re-dates "
        "the certificates already given, but none expires less than a month from today.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("is_published"), FieldPanel("required_for_publishing")]),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("months_valid")]),
        InlinePanel("questions", label="Quiz questions", heading="Quiz (optional)"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # Checked when a course is published, not on every later edit: a published course
        # with a lesson from before transcripts existed is flagged in the lesson list.
        publishing = not Course.objects.filter(pk=self.pk, is_published=True).exists()
        if self.is_published and self.pk and publishing:
            missing = self.lessons.filter(transcript="").exclude(video="")
            if missing:
                names = ", ".join(f"{lesson.position}. {lesson.title}" for lesson in missing)
                raise ValidationError(
                    {"is_published": f"Add a transcript to every video lesson first: {names}."}
                )

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"/membersnet/training/{self.slug}/"

    @property
    def has_quiz(self) -> bool:
        return self.questions.exists()


class Lesson(ClusterableModel):
    """One lesson: a video (played by the browser's own <video> element, captioned with
    a WebVTT track), text and downloadable resources. Files are private."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(
        default=1, help_text="Lessons are taken in this order: 1, 2, 3…"
    )
    title = models.CharField(max_length=150)
    text = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    video = models.FileField(
        upload_to="training/videos/",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(VIDEO_TYPES)],
        help_text="An MP4 or WebM file.",
    )
    captions = models.FileField(
        upload_to="training/captions/",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(CAPTION_TYPES)],
        help_text="WebVTT captions (.vtt). Every video needs them.",
    )
    video_description = models.CharField(
        max_length=250, blank=True, help_text="What the video shows, for people who can't see it."
    )
    transcript = models.TextField(
        blank=True,
        help_text="Everything said in the video, and what it shows that matters, as plain "
        "text (a blank line starts a new paragraph). Every video needs one: members read it "
        "under the video.",
    )
    search_vector = _stored_search_vector(
        ("title", "A"), ("text", "B"), ("video_description", "C"), ("transcript", "C")
    )

    panels = [
        FieldRowPanel([FieldPanel("course"), FieldPanel("position")]),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("captions"),
                FieldPanel("video_description"),
                FieldPanel("transcript"),
            ],
            heading="Video",
        ),
        FieldPanel("text"),
        InlinePanel("resources", label="Resources", heading="Downloadable resources"),
    ]

    class Meta:
        ordering = ["course", "position", "pk"]
        indexes = [GinIndex(fields=["search_vector"], name="lesson_search_vector")]
        constraints = [
            models.UniqueConstraint(fields=["course", "position"], name="one_lesson_per_position")
        ]

    def __str__(self):
        return f"{self.course}: {self.position}. {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if self.video and not self.captions:
            errors["captions"] = "Add captions (a .vtt file) for the video."
        if self.video and not self.transcript.strip():
            errors["transcript"] = "Add a transcript of the video."
        if errors:
            raise ValidationError(errors)

    @property
    def needs_transcript(self) -> bool:
        """A video without a transcript (only lessons from before transcripts existed)."""
        return bool(self.video) and not self.transcript.strip()

    def transcript_status(self) -> str:
        if not self.video:
            return "No video"
        return "Missing: add one" if self.needs_transcript else "Yes"

    transcript_status.short_description = "Transcript"

    def get_absolute_url(self):
        return f"/membersnet/training/{self.course.slug}/{self.position}/"


class LessonResource(Orderable):
    lesson = ParentalKey(Lesson, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=150)
    file = models.FileField(
        upload_to="training/resources/",
        storage=private_storage,
        validators=[FileExtensionValidator(RESOURCE_TYPES)],
    )

    panels = [FieldPanel("title"), FieldPanel("file")]

    def __str__(self):
        return self.title


class QuizQuestion(Orderable):
    """A multiple-choice question with three or four answers, one of them right."""

    class Choice(models.TextChoices):
        A = "a", "A"
        B = "b", "B"
        C = "c", "C"
        D = "d", "D"

    course = ParentalKey(Course, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=300)
    choice_a = models.CharField("answer A", max_length=200)
    choice_b = models.CharField("answer B", max_length=200)
    choice_c = models.CharField("answer C", max_length=200)
    choice_d = models.CharField("answer D", max_length=200, blank=True)
    correct = models.CharField("right answer", max_length=1, choices=Choice.choices)
    explanation = models.TextField(
        max_length=600,
        help_text="Shown after each try, whether the member got this question right or not. "
        "Explain the point and where the course covers it, without naming the right answer: "
        "a member has a few tries a day, and an explanation that gives the answer away would "
        "let them pass without learning it.",
    )

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("choice_a"), FieldPanel("choice_b")]),
        FieldRowPanel([FieldPanel("choice_c"), FieldPanel("choice_d")]),
        FieldPanel("correct"),
        FieldPanel("explanation"),
    ]

    def __str__(self):
        return self.question

    def clean(self):
        super().clean()
        if self.correct == self.Choice.D and not self.choice_d:
            raise ValidationError({"correct": "Answer D is empty, so it can't be the right one."})

    def choice_text(self, letter: str) -> str:
        return dict(self.choices).get(letter, "")

    @property
    def choices(self) -> list[tuple[str, str]]:
        pairs = [("a", self.choice_a), ("b", self.choice_b), ("c", self.choice_c)]
        if self.choice_d:
            pairs.append(("d", self.choice_d))
        return pairs


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_completed"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_completed_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quiz_attempts")
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.course}: {self.correct}/{self.total}"

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


def _certificate_code() -> str:
    # Unambiguous characters only: the code is typed in by hand to check a certificate.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 January
    and one month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


# Members are reminded this long before a certificate expires, and may renew it from then.
RENEWAL_MONTHS = 1


class CourseCompletionQuerySet(models.QuerySet):
    def valid(self, on: dt.date | None = None):
        """Certificates that have not expired by `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gt=on))


class CourseCompletion(models.Model):
    """A completed course, and the certificate that proves it. The name is kept as it
    was on the day, so the certificate doesn't change if the account does. A certificate
    of a course with a period of validity expires on `expires_on` (it is no longer valid
    from that day); passing the course again from a month before renews it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courses_completed"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)
    name_on_certificate = models.CharField(max_length=150)
    certificate_code = models.CharField(max_length=14, unique=True, default=_certificate_code)
    renewed_at = models.DateTimeField("renewed", null=True, blank=True, editable=False)
    expires_on = models.DateField("expires", null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CourseCompletionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="course_completed_once")
        ]

    def __str__(self):
        return f"{self.name_on_certificate}: {self.course}"

    def get_verification_url(self):
        return f"/membersnet/certificates/{self.certificate_code}/"

    @property
    def passed_on(self) -> dt.date:
        """The day the course was last passed: its completion or latest renewal."""
        return timezone.localdate(self.renewed_at or self.completed_at)

    @property
    def valid_until(self) -> dt.date | None:
        """The last day the certificate is valid, as members are told it."""
        return self.expires_on - dt.timedelta(days=1) if self.expires_on else None

    def is_expired(self, on: dt.date | None = None) -> bool:
        return self.expires_on is not None and self.expires_on <= (on or timezone.localdate())

    def is_renewable(self, on: dt.date | None = None) -> bool:
        """Expired, or expiring within the renewal month."""
        on = on or timezone.localdate()
        return self.expires_on is not None and self.expires_on <= add_months(on, RENEWAL_MONTHS)

    @property
    def expired(self) -> bool:
        return self.is_expired()

    @property
    def renewable(self) -> bool:
        return self.is_renewable()
