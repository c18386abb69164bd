"""A training video on object storage, in a real browser (docs/storage.md): the lesson's
<video> follows the view's redirect to a signed link on the tests' S3 server and plays,
under the Content-Security-Policy production gives its pages when it uses object storage
(the storage's origin in media-src), with its captions answered by the site itself.
Without that origin in the policy the browser refuses the video, which is why
production adds it."""

import uuid

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from constituencies.models import Constituency
from labourhub.settings.content_security_policy import content_security_policy
from membersnet.training.demo import DEMO_MEDIA
from membersnet.training.models import Course, Lesson
from tests.browser.conftest import sign_in
from tests.factories import make_member
from tests.helpers import eventually

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(committed):
    with committed():
        constituency = Constituency.objects.get(gss_code="E14999901")
        user = make_member(constituency, email=f"viewer-{uuid.uuid4().hex[:6]}@example.org")
        committed.cleanup(user.member)
        return committed.cleanup(user)


@pytest.fixture
def lesson(committed, object_storage):
    with committed():
        course = committed.cleanup(
            Course.objects.create(
                title="Video from the bucket",
                slug=f"bucket-course-{uuid.uuid4().hex[:6]}",
                summary="A course for the test.",
                is_published=True,
            )
        )
        lesson = Lesson(course=course, position=1, title="Watch this", text="<p>Watch.</p>")
        lesson.video.save(
            "intro.webm",
            ContentFile((DEMO_MEDIA / "publishing-intro.webm").read_bytes()),
            save=False,
        )
        captions = ContentFile((DEMO_MEDIA / "publishing-intro.vtt").read_bytes())
        lesson.captions.save("intro.vtt", captions, save=False)
        lesson.save()
    return lesson


def _open_lesson(page, site, member, lesson):
    sign_in(page, site, "localhost", member.email, PASSWORD, next_path="/membersnet/")
    page.goto(site.url(lesson.get_absolute_url()))
    expect(page.locator("video")).to_be_visible()


def test_the_video_plays_from_a_signed_link_under_productions_policy(
    desktop, site, settings, object_storage, member, lesson, screenshots
):
    settings.CONTENT_SECURITY_POLICY = content_security_policy(
        object_storage.config.media_sources, settings.CSP_REPORT_PATH, settings.CSP_REPORT_GROUP
    )
    page = desktop
    answers = []
    page.on("response", lambda response: answers.append((response.url, response.status)))
    _open_lesson(page, site, member, lesson)
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; v.play(); }")
    played = eventually(
        lambda: page.evaluate("() => document.querySelector('video').currentTime") > 0.5,
        timeout=15,
        every=0.1,
    )
    assert played, "the video did not play from the bucket"
    video_url = site.url(f"{lesson.get_absolute_url()}video/")
    assert (video_url, 302) in answers
    from_bucket = [
        status
        for url, status in answers
        if url.startswith(f"{object_storage.server.url}/{object_storage.private_bucket}/")
        and "X-Amz-Signature=" in url
    ]
    assert from_bucket
    assert set(from_bucket) <= {200, 206}
    # The captions come from the site: loaded (readyState 2), with cues.
    assert eventually(
        lambda: page.evaluate(
            "() => { const t = document.querySelector('video track'); "
            "return t.readyState === 2 && t.track.cues.length > 0; }"
        ),
        timeout=10,
    )
    screenshots(page, "playing-from-the-bucket")


def test_without_the_storages_origin_in_the_policy_the_browser_refuses_the_video(
    desktop, site, object_storage, member, lesson
):
    page = desktop
    _open_lesson(page, site, member, lesson)
    # NETWORK_NO_SOURCE: the one source (the redirect to another origin) was refused.
    assert eventually(
        lambda: page.evaluate("() => document.querySelector('video').networkState") == 3,
        timeout=10,
    )
    assert page.evaluate("() => document.querySelector('video').currentTime") == 0
