"""A constituency's files in the default storage, reached through Django's storage API
inside its schema (django-tenants keeps each schema's files under its own prefix,
whatever the storage: folders here, keys in object storage)."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages
from django_tenants.utils import schema_context

from .archive import BackupError, file_checksum, stream_checksum


@contextmanager
def tenant_storage(schema_name: str) -> Iterator[Storage]:
    with schema_context(schema_name):
        yield storages["default"]


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name under `folder`, sorted, folders depth first."""
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(directories):
        yield from walk(storage, f"{folder}/{name}" if folder else name)


class FilesWritten:
    """The files a restore has put in storage, so that a failed restore can take them
    away again, and the files they replaced, kept aside until then so that a failed
    restore over a constituency (`--replace`) puts them back."""

    def __init__(self):
        self._written: list[tuple[Storage, str, str | None]] = []
        self._replaced: list[tuple[Storage, str, str | None, Path]] = []
        self._aside: Path | None = None

    def put(self, storage: Storage, name: str, source_path, *, schema_name=None) -> str:
        """Store the file at `source_path` as `name` in a constituency's own storage. A file
        already there with the same content is kept; one with other content is replaced."""
        with _maybe_schema(schema_name):
            if storage.exists(name):
                with storage.open(name, "rb") as handle:
                    if stream_checksum(handle) == file_checksum(source_path):
                        return name
                self._keep_aside(storage, name, schema_name)
                storage.delete(name)
            with open(source_path, "rb") as handle:
                stored = storage.save(name, File(handle, name=name))
            self._written.append((storage, stored, schema_name))
            if stored != name:
                raise BackupError(f"The storage put {name} at {stored}, not where it was.")
        return stored

    def put_beside(self, storage: Storage, name: str, source_path) -> str:
        """Store the file at `source_path` in a shared storage under `name`, or under a name
        the storage chooses if that is taken (by the row it was copied from, perhaps).
        Returns the stored name."""
        with open(source_path, "rb") as handle:
            stored = storage.save(name, File(handle, name=name))
        self._written.append((storage, stored, None))
        return stored

    def _keep_aside(self, storage: Storage, name: str, schema_name) -> None:
        if self._aside is None:
            self._aside = Path(tempfile.mkdtemp(prefix="restore-replaced-"))
        kept = self._aside / str(len(self._replaced))
        with storage.open(name, "rb") as handle, open(kept, "wb") as out:
            shutil.copyfileobj(handle, out)
        self._replaced.append((storage, name, schema_name, kept))

    def remove_all(self) -> None:
        """Undo: remove what was written and put back what it replaced."""
        for storage, name, schema_name in reversed(self._written):
            with _maybe_schema(schema_name):
                storage.delete(name)
        self._written.clear()
        for storage, name, schema_name, kept in self._replaced:
            with _maybe_schema(schema_name), open(kept, "rb") as handle:
                storage.save(name, File(handle, name=name))
        self.forget()

    def forget(self) -> None:
        """The restore is done: drop the copies of the files it replaced."""
        if self._aside is not None:
            shutil.rmtree(self._aside, ignore_errors=True)
        self._replaced.clear()
        self._aside = None

    def __len__(self) -> int:
        return len(self._written)


@contextmanager
def _maybe_schema(schema_name):
    if schema_name is None:
        yield
    else:
        with schema_context(schema_name):
            yield
