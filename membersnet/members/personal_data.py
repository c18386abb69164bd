from privacy.registry import MEMBERSHIP, OnErasure, PersonalData, Retention

DECLARATIONS = [
    PersonalData(
        "members.Member",
        fields=("name", "email", "membership_number"),
        whose="Party members",
        purpose=(
            "Knowing who may make a Membersnet account and in which constituency; the "
            "weekly digest if they want it"
        ),
        lawful_basis=MEMBERSHIP,
        kept=(
            "As long as the membership system sends it; a lapsed member's record is kept "
            "until their account is deleted"
        ),
        on_erasure=OnErasure.DELETE,
        by_email=("email",),
        by_user=("user",),
        context=(
            "membership_number",
            "constituency__name",
            "status",
            "lapsed_on",
            "digest_opt_in",
            "created_at",
            "last_seen_at",
        ),
        label="Member record",
    ),
    PersonalData(
        "members.MemberImport",
        fields=("started_by",),
        whose="Staff who import the membership file",
        purpose="Showing who imported which file",
        lawful_basis=MEMBERSHIP,
        kept="A set time (see retention)",
        on_erasure=OnErasure.ANONYMISE,
        anonymised={"started_by": None},
        by_user=("started_by",),
        context=("file_name", "status", "created_at"),
        label="Membership imports started",
        # The record's row errors quote membership numbers; the file itself is deleted
        # when the import ends, so only an import that never ended leaves one.
        retention=(
            Retention("member_imports", "created_at", after="the import"),
            Retention(
                "member_import_files",
                "created_at",
                after="the upload",
                only={"file__gt": ""},
                which="The uploaded file, if the import never ended",
                action=OnErasure.ANONYMISE,
                anonymised={"file": ""},
            ),
        ),
    ),
]
