from privacy.registry import NotPersonal

DECLARATIONS = [
    NotPersonal("moderation.OfficersApprovalTask", "The name of the approval step"),
]
