"""Central staff's oversight: the compliance dashboard, nightly snapshots, the coverage
chart and the audit trail."""
