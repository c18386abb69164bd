"""The archive a constituency is backed up to: one gzipped tar file holding its tables'
data (PostgreSQL COPY text, one member per table), its media files, and `manifest.json`,
which says what every other member is, with its size and SHA-256.

The manifest is written last, once every checksum is known, so an archive is read by
unpacking it whole into a temporary folder first. Reading refuses anything it did not
write: a member outside the known folders, a link, a path that climbs out, a file the
manifest does not list or lists with another size or checksum.
"""

import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

FORMAT = "labourhub-constituency-backup"
VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_PARTS = (
    "source",
    "migrations",
    "tables",
    "identities",
    "shared_rows",
    "group_members",
    "media",
    "shared_files",
)
FOLDERS = ("tables", "media", "shared-files")
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for an operator."""


@dataclass(frozen=True)
class Member:
    """One file in the archive, as the manifest lists it."""

    name: str
    size: int
    sha256: str

    def as_json(self) -> dict:
        return {"file": self.name, "size": self.size, "sha256": self.sha256}


class ArchiveWriter:
    """Writes an archive member by member; `close()` adds the manifest."""

    def __init__(self, path: Path):
        # Closed by close() or abandon(), whichever ends the export.
        self._tar = tarfile.open(  # noqa: SIM115
            path, "w:gz", compresslevel=6, format=tarfile.PAX_FORMAT
        )
        self._spool = tempfile.TemporaryDirectory(prefix="constituency-export-")

    def add_chunks(self, name: str, chunks: Iterable[bytes]) -> Member:
        """Add a member made of `chunks`, spooled to disk first: a tar header needs the size."""
        _check_name(name)
        digest = hashlib.sha256()
        size = 0
        spooled = Path(self._spool.name) / "member"
        with open(spooled, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self._tar.add(spooled, arcname=name, recursive=False, filter=_plain)
        return Member(name, size, digest.hexdigest())

    def add_file(self, name: str, handle) -> Member:
        """Add a member read from an open binary file."""
        return self.add_chunks(name, iter(lambda: handle.read(_CHUNK), b""))

    def close(self, manifest: dict) -> None:
        body = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = _plain(tarfile.TarInfo(MANIFEST))
        info.size = len(body)
        self._tar.addfile(info, fileobj=_BytesReader(body))
        self._tar.close()
        self._spool.cleanup()

    def abandon(self) -> None:
        self._tar.close()
        self._spool.cleanup()


def _plain(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Nothing about the machine that wrote it: no owner, a fixed mode.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    return info


class _BytesReader:
    def __init__(self, data: bytes):
        self._data, self._at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._at + size
        chunk, self._at = self._data[self._at : end], min(end, len(self._data))
        return chunk


@dataclass
class UnpackedArchive:
    """An archive unpacked into a temporary folder, every member checked."""

    folder: Path
    manifest: dict

    def path(self, name: str) -> Path:
        _check_name(name)
        return self.folder / name


@contextmanager
def unpacked(path: Path) -> Iterator[UnpackedArchive]:
    """Unpack the archive at `path` and check it against its manifest; raise BackupError,
    naming what is wrong, if it is not a complete, intact archive of this format."""
    if not path.is_file():
        raise BackupError(f"There is no archive at {path}.")
    with tempfile.TemporaryDirectory(prefix="constituency-import-") as folder:
        folder = Path(folder)
        found = _unpack(path, folder)
        if MANIFEST not in found:
            raise BackupError(f"{path} has no {MANIFEST}: it is incomplete or not a backup.")
        manifest = _read_manifest(path, folder / MANIFEST)
        _check_members(path, manifest, found - {MANIFEST}, folder)
        yield UnpackedArchive(folder, manifest)


def _unpack(path: Path, folder: Path) -> set[str]:
    found = set()
    try:
        with tarfile.open(path, "r|gz") as tar:
            for info in tar:
                name = info.name
                if not info.isfile():
                    raise BackupError(f"{path} holds {name!r}, which is not a plain file.")
                try:
                    _check_name(name)
                except BackupError as error:
                    raise BackupError(f"{path}: {error}") from None
                if name in found:
                    raise BackupError(f"{path} holds {name!r} twice.")
                found.add(name)
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(info)
                with open(target, "wb") as out:
                    shutil.copyfileobj(source, out, _CHUNK)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{path} cannot be read as a constituency archive ({error}): "
            "it may be truncated or damaged."
        ) from None
    return found


def _read_manifest(path: Path, manifest_path: Path) -> dict:
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path}: its {MANIFEST} is not valid JSON ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a LabourHub constituency backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is a backup of format version {manifest.get('version')}; "
            f"this code reads version {VERSION}."
        )
    missing = [part for part in MANIFEST_PARTS if part not in manifest]
    if missing:
        raise BackupError(f"{path}: its {MANIFEST} lacks {', '.join(missing)}.")
    return manifest


def listed_members(manifest: dict) -> list[dict]:
    """Every member the manifest lists: tables, media and shared rows' files."""
    return [*manifest["tables"], *manifest["media"], *manifest["shared_files"]]


def _check_members(path: Path, manifest: dict, found: set[str], folder: Path) -> None:
    try:
        listed = {entry["file"]: entry for entry in listed_members(manifest)}
    except (KeyError, TypeError):
        raise BackupError(f"{path}: its {MANIFEST} is missing parts.") from None
    missing = sorted(set(listed) - found)
    if missing:
        raise BackupError(f"{path} lacks {len(missing)} listed file(s), first {missing[0]}.")
    unlisted = sorted(found - set(listed))
    if unlisted:
        raise BackupError(f"{path} holds {len(unlisted)} unlisted file(s), first {unlisted[0]}.")
    for name, entry in sorted(listed.items()):
        size, digest = file_checksum(folder / name)
        if (size, digest) != (entry.get("size"), entry.get("sha256")):
            raise BackupError(
                f"{path}: checksum mismatch for {name} (the manifest says {entry.get('size')} "
                f"bytes, SHA-256 {entry.get('sha256')}; the file has {size} bytes, {digest})."
            )


def file_checksum(path: Path) -> tuple[int, str]:
    with open(path, "rb") as handle:
        return stream_checksum(handle)


def stream_checksum(handle) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def _check_name(name: str) -> None:
    parts = PurePosixPath(name).parts
    if name == MANIFEST:
        return
    if (
        len(parts) < 2
        or parts[0] not in FOLDERS
        or name.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in name
    ):
        raise BackupError(f"{name!r} is not a name a constituency archive uses.")
