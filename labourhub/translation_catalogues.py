"""Compile the translation catalogues (locale/<language>/LC_MESSAGES/django.po) into
the .mo files Django reads, with polib: no GNU gettext needed on the machine.

`make install` (and so `make run` and `make test`) and the Docker image run it; the .mo
files are built, never committed. `python -m labourhub.translation_catalogues`."""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile each catalogue whose .mo is missing or older; return those compiled."""
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
