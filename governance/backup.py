"""Governance's rows that belong to one constituency, for its backup
(`constituencies.backup.shared_rows`): its CLP unit and branches, their register
entries (with the people other than officers who can sign in), flags and reports, and
its key events as the hub sees them.

Left out, on purpose: a Local Campaign Forum spans several CLPs, so neither it nor its
entries belong to one CLP's backup; the audit log is the hub's record of what was done,
kept when a constituency is deleted (a restore over one unlinks its entries from the
units it makes again, and keeps them); the compliance snapshots count whole nations;
the group administrators' invitations are kept by email address, once for every
account a person holds, in whichever CLP.
"""

from constituencies.backup.shared_rows import SharedRows

SHARED_ROWS = (
    # Only a forum spans several constituencies, and forums are left out.
    SharedRows("governance.PartyUnit", "constituency", leave_out=("constituencies",)),
    SharedRows("governance.PresenceEntry", "unit__constituency"),
    SharedRows("governance.SignInHolder", "entry__unit__constituency"),
    SharedRows("governance.Flag", "unit__constituency"),
    SharedRows("governance.AccountReport", "unit__constituency"),
    SharedRows("governance.ReportEvent", "report__unit__constituency"),
    SharedRows("governance.KeyEventRecord", "constituency"),
)
