"""The rulebook's rows that belong to one constituency, for its backup
(`constituencies.backup.shared_rows`): the standing orders its CLP adopted, with their
files from private storage."""

from constituencies.backup.shared_rows import SharedRows

SHARED_ROWS = (SharedRows("rulebook.StandingOrders", "constituency"),)
