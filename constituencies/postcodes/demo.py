"""The demo's postcodes (data/demo-postcodes.csv), loaded by `load_demo`."""

from pathlib import Path

from .importing import ImportReport, import_postcodes

DEMO_POSTCODES_CSV = Path(__file__).parent / "data" / "demo-postcodes.csv"


def load_demo_postcodes() -> ImportReport:
    """Import the demo postcodes; running it again changes nothing."""
    return import_postcodes(DEMO_POSTCODES_CSV)
