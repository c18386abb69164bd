import datetime as dt

from membersnet.whats_new_item import WhatsNewItem

from .models import Course


def new_since(since: dt.datetime | None, limit: int = 5) -> list[WhatsNewItem]:
    courses = Course.objects.published().order_by("-published_at")
    if since:
        courses = courses.filter(published_at__gt=since)
    return [
        WhatsNewItem(
            kind="Course",
            title=course.title,
            url=course.get_absolute_url(),
            at=course.published_at,
            summary=course.summary,
        )
        for course in courses[:limit]
    ]
