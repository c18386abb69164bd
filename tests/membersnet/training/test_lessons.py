"""A lesson: its captioned video streamed only to members (whole or by range), its text and
its downloadable resources."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings

from membersnet import private_files

from .shared import CAPTIONS, VIDEO, body, text


def test_the_lesson_plays_its_video_with_english_captions_on_by_default(member, course):
    lesson = course.lessons.get(position=1)
    response = member.get(lesson.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    video = soup.find("video")
    assert video is not None
    assert video.has_attr("controls")
    assert video.find("source")["src"] == f"{lesson.get_absolute_url()}video/"
    track = video.find("track")
    assert track["kind"] == "captions"
    assert track["srclang"] == "en"
    assert track.has_attr("default")
    assert track["src"] == f"{lesson.get_absolute_url()}captions/"
    assert video["data-done-url"] == f"{lesson.get_absolute_url()}done/"
    page = text(response)
    assert "A red title card." in page
    assert "Lesson 1 of 2" in page


def test_a_lesson_without_a_video_shows_no_player(member, course):
    response = member.get(course.lessons.get(position=2).get_absolute_url())
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("video") is None
    assert "What to know, part 2." in text(response)


def test_a_lessons_text_is_shown_as_rich_text_not_in_its_stored_form(member, course):
    """Rich text stores links to pages by id ("linktype"); members get the rendered form."""
    lesson = course.lessons.get(position=2)
    lesson.text = '<p>Read <a linktype="page" id="1">this page</a> and <b>this</b>.</p>'
    lesson.save()
    page = member.get(lesson.get_absolute_url()).content.decode()
    assert "linktype" not in page
    assert "<b>this</b>" in page


def test_captions_are_served_as_webvtt(member, course):
    lesson = course.lessons.get(position=1)
    response = member.get(f"{lesson.get_absolute_url()}captions/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    content = body(response)
    assert content.startswith(b"WEBVTT")
    assert content == CAPTIONS


def test_the_whole_video_is_served_and_says_it_can_be_seeked(member, course):
    lesson = course.lessons.get(position=1)
    response = member.get(f"{lesson.get_absolute_url()}video/")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Length"] == str(len(VIDEO))
    assert body(response) == VIDEO
    assert "private" in response["Cache-Control"]


def test_the_video_answers_a_range_request_with_just_those_bytes(member, course):
    video_url = f"{course.lessons.get(position=1).get_absolute_url()}video/"
    response = member.get(video_url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{len(VIDEO)}"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == VIDEO[:100]

    middle = member.get(video_url, HTTP_RANGE="bytes=1000-")
    assert middle.status_code == 206
    assert middle["Content-Range"] == f"bytes 1000-{len(VIDEO) - 1}/{len(VIDEO)}"
    assert body(middle) == VIDEO[1000:]

    last = member.get(video_url, HTTP_RANGE="bytes=-50")
    assert last.status_code == 206
    assert body(last) == VIDEO[-50:]


def test_an_open_ended_range_of_a_long_video_comes_back_a_piece_at_a_time(
    member, course, monkeypatch
):
    """A browser asks for "bytes=0-" and plays on while asking for the rest; the server
    never reads an hour of video into memory for one answer."""

    monkeypatch.setattr(private_files, "MAX_RANGE_BYTES", 1000)
    video_url = f"{course.lessons.get(position=1).get_absolute_url()}video/"
    first = member.get(video_url, HTTP_RANGE="bytes=0-")
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-999/{len(VIDEO)}"
    assert body(first) == VIDEO[:1000]
    rest = member.get(video_url, HTTP_RANGE="bytes=1000-")
    assert body(rest) == VIDEO[1000:2000]


def test_a_range_beyond_the_end_of_the_video_is_refused(member, course):
    video_url = f"{course.lessons.get(position=1).get_absolute_url()}video/"
    response = member.get(video_url, HTTP_RANGE=f"bytes={len(VIDEO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"
    assert body(response) == b""


def test_resources_download_as_attachments(member, course):
    lesson = course.lessons.get(position=1)
    resource = lesson.resources.get()
    response = member.get(f"{lesson.get_absolute_url()}resources/{resource.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="checklist.txt"' in response["Content-Disposition"]
    assert body(response) == b"1. Check it.\n"
    page = text(member.get(lesson.get_absolute_url()))
    assert "Checklist" in page


def test_a_resource_of_another_lesson_is_not_found(member, course):
    resource = course.lessons.get(position=1).resources.get()
    other_lesson = course.lessons.get(position=2)
    response = member.get(f"{other_lesson.get_absolute_url()}resources/{resource.pk}/")
    assert response.status_code == 404


def test_lesson_files_are_private_not_under_media(member, course):
    lesson = course.lessons.get(position=1)
    resource = lesson.resources.get()
    media_root = Path(django_settings.MEDIA_ROOT).resolve()
    for field_file in (lesson.video, lesson.captions, resource.file):
        path = Path(field_file.path).resolve()
        assert path.exists()
        assert not path.is_relative_to(media_root), path
        assert member.get(f"/media/{field_file.name}").status_code == 404
        with pytest.raises(ValueError, match="no public URL"):
            _ = field_file.url
    # And the storage the platform is configured with, not just this test's folder.
    configured = Path(django_settings.PRIVATE_MEDIA_ROOT).resolve()
    assert not configured.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
