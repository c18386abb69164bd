"""Streaming members-only files (never under MEDIA_URL), with HTTP range requests so a
browser's <video> element can seek."""

import mimetypes
import re

from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# A range answer is read into memory: at most this much, and the browser asks for the
# rest as it plays ("bytes=0-" on an hour of video must not load the whole file).
MAX_RANGE_BYTES = 4 * 1024 * 1024


def serve_private_file(request, field_file, *, as_attachment=False, filename=None) -> HttpResponse:
    """Answer with `field_file`'s content. The caller has already checked who may see it."""
    if not field_file:
        raise Http404("No file")
    storage = field_file.storage
    name = field_file.name
    if not storage.exists(name):
        raise Http404("No file")
    size = storage.size(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith(".vtt"):
        content_type = "text/vtt"
    download_name = filename or name.rsplit("/", 1)[-1]

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
    test's) is followed. Files have no public URL: members-only views stream them."""

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

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that serves them.")


private_storage = PrivateStorage()
