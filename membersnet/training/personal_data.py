from privacy.registry import MEMBERSHIP, NotPersonal, OnErasure, PersonalData

TRAINING_KEPT = "As long as the account: it shows an officer is trained to publish"

DECLARATIONS = [
    PersonalData(
        "training.CourseCompletion",
        fields=("user", "name_on_certificate"),
        whose="Members who completed a Membersnet course",
        purpose="Their certificate, and showing an officer is trained to publish",
        lawful_basis=MEMBERSHIP,
        kept=TRAINING_KEPT,
        on_erasure=OnErasure.DELETE,
        by_user=("user",),
        context=("course__title", "completed_at", "renewed_at", "expires_on", "certificate_code"),
        label="Courses completed and certificates",
    ),
    PersonalData(
        "training.LessonCompletion",
        fields=("user",),
        whose="Members taking a Membersnet course",
        purpose="Showing their progress through a course",
        lawful_basis=MEMBERSHIP,
        kept=TRAINING_KEPT,
        on_erasure=OnErasure.DELETE,
        by_user=("user",),
        context=("lesson__title", "completed_at"),
        label="Lessons completed",
    ),
    PersonalData(
        "training.QuizAttempt",
        fields=("user",),
        whose="Members taking a Membersnet course",
        purpose="Marking a course's quiz and showing the result",
        lawful_basis=MEMBERSHIP,
        kept=TRAINING_KEPT,
        on_erasure=OnErasure.DELETE,
        by_user=("user",),
        context=("course__title", "created_at"),
        label="Quiz attempts",
    ),
    NotPersonal("training.Course", "Courses' published summaries"),
    NotPersonal("training.Lesson", "Lessons' text and transcripts"),
    NotPersonal("training.QuizQuestion", "Quiz questions and explanations"),
]
