from privacy.registry import (
    ACCOUNTABILITY,
    LEGITIMATE_INTERESTS,
    MEMBERSHIP,
    NotPersonal,
    OnErasure,
    PersonalData,
    Retention,
)

REGISTER_EXEMPTION = (
    "Who can sign in to, or recover, one of the party's official accounts stays on the "
    "register until officers change that account's sign-in details: removing it would "
    "hide who controls the account (Art. 17(3)(e): legal claims; Art. 6(1)(f))"
)
DISPUTES_EXEMPTION = (
    "A dispute over a party account is the party's record of a decision about a member "
    "and is kept for defending it (Art. 17(3)(e); the rulebook's disputes procedure)"
)

DECLARATIONS = [
    PersonalData(
        "governance.AccountReport",
        fields=("reporter_name", "reporter_email"),
        whose="People who report an account that claims to be the party's",
        purpose="Telling the reporter what happened to their report, if they gave an address",
        lawful_basis=LEGITIMATE_INTERESTS,
        kept="The report is kept; the reporter's details until it is closed (see retention)",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"reporter_name": "", "reporter_email": ""},
        by_email=("reporter_email",),
        context=("account", "reason", "status", "created_at", "details"),
        label="Reports of accounts",
        # A closed report's last change is when it closed (its history, or its own
        # `updated_at` for one closed without a recorded step).
        retention=Retention(
            "account_reporters",
            ("updated_at", "history__at"),
            after="the report is closed",
            only={"status__in": ["resolved_official", "resolved_removed", "referred"]},
            which="The reporter's name and address",
            action=OnErasure.ANONYMISE,
        ),
    ),
    PersonalData(
        "governance.ReportEvent",
        fields=("actor",),
        whose="Staff and officers who handle reports",
        purpose="The history of a report: who changed its status",
        lawful_basis=ACCOUNTABILITY,
        kept="As long as the report",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"actor": None},
        by_user=("actor",),
        context=("report__account", "from_status", "to_status", "at"),
        label="Changes to reports",
    ),
    PersonalData(
        "governance.AuditEvent",
        fields=("actor", "people"),
        whose="Staff and officers, and people whose records they looked at",
        purpose="The audit log: who did what to the platform's records, and when",
        lawful_basis=ACCOUNTABILITY,
        kept="A set time (see retention)",
        on_erasure=OnErasure.KEEP,
        exemption=(
            "The audit log is kept to show who did what with people's data and the party's "
            "records (Art. 5(2): accountability; Art. 17(3)(e))"
        ),
        by_email=("people",),
        by_user=("actor",),
        context=("action", "summary", "record", "at"),
        label="Audit log entries",
        retention=Retention("audit_log", "at", after="the entry is made"),
    ),
    PersonalData(
        "governance.DisputeCase",
        fields=("referred_by", "member", "reason"),
        whose="Members responsible for a disputed account, and officers who refer them",
        purpose="Deciding disputes over the party's accounts",
        lawful_basis=MEMBERSHIP,
        kept="As the disputes procedure says",
        on_erasure=OnErasure.KEEP,
        exemption=DISPUTES_EXEMPTION,
        by_email=("member__email",),
        by_user=("referred_by",),
        context=("account", "state", "referred_at", "reason"),
        label="Disputes cases",
    ),
    PersonalData(
        "governance.CaseEvent",
        fields=("actor", "note"),
        whose="Staff who work on a dispute",
        purpose="The history of a dispute case",
        lawful_basis=MEMBERSHIP,
        kept="As long as the case",
        on_erasure=OnErasure.KEEP,
        exemption=DISPUTES_EXEMPTION,
        by_user=("actor",),
        context=("case__account", "kind", "at", "note"),
        label="Steps in disputes cases",
    ),
    PersonalData(
        "governance.PresenceEntry",
        fields=("recovery_email", "recovery_phone", "control_confirmed_by", "control_checked_by"),
        whose="Officers who run a party account, and whose address recovers it",
        purpose="The register of the party's official online accounts",
        lawful_basis=LEGITIMATE_INTERESTS,
        kept="As long as the account is on the register",
        on_erasure=OnErasure.KEEP,
        exemption=REGISTER_EXEMPTION,
        by_email=("recovery_email",),
        by_user=("control_confirmed_by", "control_checked_by"),
        context=("platform", "handle", "url", "last_reviewed_on"),
        label="Register entries naming them",
    ),
    PersonalData(
        "governance.SignInHolder",
        fields=("name", "email"),
        whose="People other than officers who can sign in to a party account",
        purpose="The register of the party's official online accounts",
        lawful_basis=LEGITIMATE_INTERESTS,
        kept="As long as they can sign in to the account",
        on_erasure=OnErasure.KEEP,
        exemption=REGISTER_EXEMPTION,
        by_email=("email",),
        context=("entry__platform", "entry__handle", "name"),
        label="Sign-in holders on the register",
    ),
    PersonalData(
        "governance.GroupAdminInvitation",
        fields=("name", "email"),
        whose="Group administrators invited to the training",
        purpose="Inviting them to the group administrators' course",
        lawful_basis=LEGITIMATE_INTERESTS,
        kept="Until they make an account, or as long as they hold the role",
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        context=("created_at", "sent_at"),
        label="Training invitations",
    ),
    NotPersonal("governance.PartyUnit", "Names of the party's units (CLPs, branches)"),
    NotPersonal("governance.CaseEvidence", "Screenshots' file names and descriptions"),
]
