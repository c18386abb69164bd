"""Referrals to the party's central disputes team: a case for an account that claims to
represent the party but is not under its officers' control."""
