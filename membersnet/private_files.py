"""Members-only files (never under MEDIA_URL), answered once a view has checked who may
see them: on object storage, a redirect to a short-lived signed URL, which the storage
serves itself (ranges too), so no gunicorn worker spends its time streaming a video; on
local folders (development, `make serve`), streamed here, with HTTP range requests so a
browser's <video> element can seek. docs/storage.md."""

import mimetypes
import re

from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# A range answer is read into memory: at most this much, and the browser asks for the
# rest as it plays ("bytes=0-" on an hour of video must not load the whole file).
MAX_RANGE_BYTES = 4 * 1024 * 1024


def serve_private_file(
    request, field_file, *, as_attachment=False, filename=None, signed_link=True
) -> HttpResponse:
    """Answer with `field_file`'s content. The caller has already checked who may see it.

    `signed_link=False` streams the file even from object storage: for a small file the
    browser must fetch from this origin (a video's captions: a <track> does not follow a
    redirect to another origin, which would need CORS and credentials it doesn't send)."""
    if not field_file:
        raise Http404("No file")
    storage = field_file.storage
    name = field_file.name
    if not storage.exists(name):
        raise Http404("No file")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith(".vtt"):
        content_type = "text/vtt"
    download_name = filename or name.rsplit("/", 1)[-1]

    link = signed_link and _signed_link(
        storage, name, content_type, content_disposition_header(as_attachment, download_name)
    )
    if link:
        response = HttpResponseRedirect(link)
        # The link is this person's, and soon dead: no cache keeps the redirect.
        response["Cache-Control"] = "private, no-store"
        return response

    size = storage.size(name)

    match = _RANGE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        start, end = _byte_range(match, size)
        if start is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with storage.open(name, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start + 1)
        response = HttpResponse(data, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(
            storage.open(name, "rb"),
            content_type=content_type,
            as_attachment=as_attachment,
            filename=download_name,
        )
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _signed_link(storage, name, content_type, disposition) -> str | None:
    """A short-lived signed URL that serves the file with these headers, if the storage
    makes them (object storage); None for local folders."""
    sign = getattr(storage, "signed_url", None)
    if sign is None:
        return None
    return sign(
        name,
        parameters={
            "ResponseContentType": content_type,
            "ResponseContentDisposition": disposition,
            "ResponseCacheControl": "private",
        },
    )


def _byte_range(match, size):
    first, last = match.group(1), match.group(2)
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    else:  # the final N bytes
        start = max(size - int(last), 0)
        end = size - 1
    if start > end or start >= size:
        return None, None
    return start, min(end, start + MAX_RANGE_BYTES - 1)


@deconstructible(path="membersnet.private_files.PrivateStorage")
class PrivateStorage(Storage):
    """The project's "private" storage (STORAGES["private"]), looked up at each use
    rather than once when the models load, so a change of STORAGES (a deployment's, a
    test's) is followed. Files have no public URL: members-only views stream them, or
    redirect to a signed link (`signed_url`) on object storage."""

    @staticmethod
    def _backend():
        return storages["private"]

    def _open(self, name, mode="rb"):
        return self._backend().open(name, mode)

    def _save(self, name, content):
        return self._backend().save(name, content)

    def get_available_name(self, name, max_length=None):
        return self._backend().get_available_name(name, max_length=max_length)

    def delete(self, name):
        self._backend().delete(name)

    def exists(self, name):
        return self._backend().exists(name)

    def size(self, name):
        return self._backend().size(name)

    def path(self, name):
        return self._backend().path(name)

    def signed_url(self, name, *, parameters=None) -> str | None:
        """A short-lived signed URL to the file, or None where the backend makes none
        (local folders)."""
        sign = getattr(self._backend(), "signed_url", None)
        return sign(name, parameters=parameters) if sign else None

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that serves them.")


private_storage = PrivateStorage()
