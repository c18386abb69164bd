"""Demo content for the rulebook: two editions (2025 and 2026) of an INVENTED rulebook,
and invented procedures, model standing orders and guidance. None of this is the
party's real text; every title says so.

The 2026 edition adds, removes and changes clauses, so comparing the two shows all
three. Among what it adds is a model clause for the default CLP rules on who owns and
controls online presence (section 3.4), as the social media policy asks: the pages
about the register of official accounts link to it and quote it (`Clause.key`), and
they still work when staff load the party's real text without it.
`fill_demo_rulebook()` can be run again: it updates what is there and adds nothing
twice."""

import datetime as dt

from django.db import transaction

from .models import Chapter, Clause, Edition, Procedure, Section

DEMO_NOTE = "Demo rulebook – invented text. This is not the party's real rulebook."

# chapter number -> (title, {section number -> (title, {clause number -> text})})
RULEBOOK_2025 = {
    1: (
        "Name, aims and values",
        {
            1: (
                "Name",
                {
                    1: "The organisation described in this demo rulebook is called the "
                    "Example Party. Its name is invented for demonstration.",
                    2: "In these demo rules, 'the party' means the Example Party and its "
                    "constituency parties.",
                },
            ),
            2: (
                "Aims",
                {
                    1: "The party works for a fairer, greener and more democratic country, "
                    "in which power, wealth and opportunity are in the hands of the many.",
                    2: "The party seeks to win elections at every level so that it can "
                    "put its aims into practice.",
                    3: "The party campaigns all year round, not only at elections.",
                },
            ),
        },
    ),
    2: (
        "Membership",
        {
            1: (
                "Joining",
                {
                    1: "Anyone aged 14 or over who lives in the country and supports the "
                    "aims of the party may apply to join.",
                    2: "An application is decided within 8 weeks. An applicant who hears "
                    "nothing in that time may ask the General Secretary why.",
                    3: "A member belongs to the constituency party where they live.",
                },
            ),
            2: (
                "Subscriptions",
                {
                    1: "Members pay a yearly subscription set by the National Committee.",
                    2: "A member whose subscription is more than 6 months unpaid is "
                    "lapsed, and may rejoin by paying it.",
                },
            ),
            3: (
                "Rights of members",
                {
                    1: "Every member may attend, speak and vote at the general meetings "
                    "of their constituency party.",
                    2: "Every member may stand for any office of their constituency party "
                    "after 6 months of membership.",
                },
            ),
        },
    ),
    3: (
        "Constituency parties",
        {
            1: (
                "Purpose",
                {
                    1: "Each constituency has one constituency party, which organises the "
                    "members who live there.",
                    2: "The constituency party keeps its own accounts and reports them to "
                    "its members once a year.",
                },
            ),
            2: (
                "Officers",
                {
                    1: "Each constituency party elects a Chair, a Secretary, a Treasurer "
                    "and a Social Media Officer at its annual general meeting.",
                    2: "The Secretary keeps the records of the constituency party and "
                    "calls its meetings with at least 7 days' notice.",
                    3: "An officer may hold the same office for no more than 4 years in a row.",
                },
            ),
            3: (
                "Meetings",
                {
                    1: "The constituency party meets at least 4 times a year.",
                    2: "The quorum of a general meeting is 10 members or 5 per cent of the "
                    "membership, whichever is fewer.",
                    3: "Members may propose a motion to a general meeting by sending it to "
                    "the Secretary 14 days before the meeting.",
                },
            ),
        },
    ),
    4: (
        "Selections",
        {
            1: (
                "Candidates for Parliament",
                {
                    1: "The constituency party selects its parliamentary candidate by a "
                    "ballot of all its members.",
                    2: "Nominations are open to any member of 12 months' standing who has "
                    "completed the candidate training course.",
                },
            ),
            2: (
                "Local government candidates",
                {
                    1: "Ward branches select candidates for council elections from a panel "
                    "approved by the local campaign forum.",
                    2: "Every selection meeting is chaired by someone who is not seeking "
                    "selection.",
                },
            ),
        },
    ),
    5: (
        "Conduct and disputes",
        {
            1: (
                "Standards of conduct",
                {
                    1: "Members treat each other with respect, in meetings and online.",
                    2: "No member may harass, abuse or intimidate another member.",
                    3: "Members posting online on behalf of the party follow the party's "
                    "social media policy.",
                },
            ),
            2: (
                "Complaints",
                {
                    1: "A complaint about a member is made in writing to the General Secretary.",
                    2: "The member complained about is told of the complaint and may "
                    "answer it before any decision is made.",
                },
            ),
        },
    ),
}

# What the 2026 edition changes: (chapter, section, clause) -> new text, or None to
# remove the clause. Clauses not listed are carried over unchanged.
CHANGES_2026 = {
    # Changed wording.
    (2, 1, 2): "An application is decided within 6 weeks. An applicant who hears nothing "
    "in that time may ask the General Secretary why, and gets an answer within 14 days.",
    (3, 2, 1): "Each constituency party elects a Chair, a Secretary, a Treasurer, a Social "
    "Media Officer and a Membership Officer at its annual general meeting.",
    (3, 3, 2): "The quorum of a general meeting is 10 members or 5 per cent of the "
    "membership, whichever is fewer; members taking part online count towards it.",
    (5, 1, 1): "Members treat each other with courtesy and respect, in meetings, online "
    "and on the doorstep.",
    # Removed.
    (3, 2, 3): None,
    (4, 2, 2): None,
    # Added.
    (3, 3, 4): "A general meeting may be held online, or with members both in the room "
    "and online, if the notice calling it says so.",
    (2, 3, 3): "Every member may take part in the party's online training courses free of charge.",
    (5, 2, 3): "Complaints are decided within 12 weeks, unless the complainant agrees to "
    "a longer time.",
}
OWNERSHIP_RULE = (
    "Any website, social media account, group or page, or other online presence that "
    "purports to represent a branch, the constituency party or a Local Campaign Forum is "
    "under the ownership and control of the officers of that branch, constituency party "
    "or Local Campaign Forum, and is listed on the party's register of official accounts. "
    "A member who fails to respect this rule, for example by keeping control of such an "
    "account from the officers, is liable to party discipline."
)
# Sections the 2026 edition adds to an existing chapter: (chapter, section) -> (title,
# {clause number -> text}).
SECTIONS_ADDED_2026 = {
    (3, 4): ("Online presence (model clause for the default CLP rules)", {1: OWNERSHIP_RULE}),
}
# Clauses other pages link to by what they are (see `linked_rules`).
KEYS = {(3, 4, 1): Clause.Key.ONLINE_PRESENCE}
CHAPTERS_ADDED_2026 = {
    6: (
        "Amending these rules",
        {
            1: (
                "Rule changes",
                {
                    1: "These rules may be changed only by the annual conference, on a "
                    "proposal from a constituency party or the National Committee.",
                    2: "A change takes effect on the first day of the year after it is "
                    "agreed, unless the conference decides otherwise.",
                },
            ),
        },
    ),
}

EDITIONS = [
    (2025, "Demo rulebook 2025 (invented text)", dt.date(2025, 1, 15)),
    (2026, "Demo rulebook 2026 (invented text)", dt.date(2026, 1, 15)),
]

PROCEDURES = [
    (
        Procedure.Kind.MODEL_PROCEDURE,
        "Demo: model procedure for annual general meetings",
        "How a constituency party runs its annual general meeting, step by step. "
        "Invented demo text.",
        "This is invented demo text, not a real party procedure.\n\n"
        "1. The Secretary sends notice of the annual general meeting to every member at "
        "least 21 days before it, with the agenda and how to nominate officers.\n\n"
        "2. Nominations for officers close 7 days before the meeting. The Secretary "
        "publishes the list of nominees to members.\n\n"
        "3. At the meeting, the Chair reports on the year, the Treasurer presents the "
        "accounts, and members elect the officers by secret ballot where more than one "
        "person is nominated.\n\n"
        "4. The Secretary records the result and tells the regional office within 14 days.",
    ),
    (
        Procedure.Kind.MODEL_PROCEDURE,
        "Demo: model procedure for selecting a parliamentary candidate",
        "The timetable and ballot for choosing a parliamentary candidate. Invented demo text.",
        "This is invented demo text, not a real party procedure.\n\n"
        "1. The procedures committee agrees a timetable with the regional office.\n\n"
        "2. Members may nominate any eligible member. Each nominee provides a statement of "
        "up to 500 words, which is sent to every member.\n\n"
        "3. Hustings are held in person and online. Every nominee gets the same time to "
        "speak and answer questions.\n\n"
        "4. Members vote by preferential ballot. The returning officer announces the "
        "result and reports it to the National Committee.",
    ),
    (
        Procedure.Kind.MODEL_STANDING_ORDERS,
        "Demo: model standing orders for constituency parties",
        "Standing orders a CLP can adopt as they are, or adapt. Invented demo text.",
        "This is invented demo text, not the party's real model standing orders.\n\n"
        "SO 1. Meetings begin at the advertised time if a quorum is present.\n\n"
        "SO 2. The Chair decides who speaks. No speaker may speak for more than 3 minutes "
        "without the meeting's agreement.\n\n"
        "SO 3. A motion must be moved and seconded before it is debated. Amendments are "
        "taken before the motion itself.\n\n"
        "SO 4. Votes are taken by a show of hands, or a show of cards online, unless "
        "these standing orders require a ballot.\n\n"
        "SO 5. These standing orders may be suspended for one item of business by a "
        "two-thirds majority of those present and voting.",
    ),
    (
        Procedure.Kind.MODEL_STANDING_ORDERS,
        "Demo: model standing orders for ward branches",
        "A shorter set of standing orders for ward branch meetings. Invented demo text.",
        "This is invented demo text, not the party's real model standing orders.\n\n"
        "SO 1. The branch meets at least 4 times a year.\n\n"
        "SO 2. The quorum is 5 members.\n\n"
        "SO 3. The branch reports its decisions to the constituency party's next general "
        "meeting.",
    ),
    (
        Procedure.Kind.GUIDANCE,
        "Demo: guidance on running hybrid meetings",
        "Practical advice for meetings with members in the room and online. Invented demo text.",
        "This is invented demo guidance.\n\n"
        "Test the equipment before the meeting and have someone other than the Chair "
        "look after the online participants.\n\n"
        "Make sure members online can see the motion being debated and can ask to speak "
        "in the same way as members in the room.\n\n"
        "Record how each member voted only where a recorded vote is required.",
    ),
    (
        Procedure.Kind.GUIDANCE,
        "Demo: guidance for new Secretaries",
        "What a new constituency party Secretary does in their first month. Invented demo text.",
        "This is invented demo guidance.\n\n"
        "Ask the outgoing Secretary for the minute book, the membership contacts and the "
        "passwords to the party's online accounts, and change the passwords.\n\n"
        "Check that the constituency party's adopted standing orders are uploaded to "
        "Membersnet, and upload them if not.\n\n"
        "Complete the required Membersnet course so that you can publish on your "
        "constituency party's website.",
    ),
    (
        Procedure.Kind.GUIDANCE,
        # Its slug is settings.GROUP_ADMIN_GUIDELINES_SLUG: the register links to it.
        "Guidelines for social media officers and group administrators",
        "Looking after an account, page or group that speaks for the party locally: who "
        "owns it, keeping control of it, handing it over, and using it well.",
        "These guidelines are for everyone who can sign in to a website, social media "
        "account, page or group that speaks for a branch, a constituency party (CLP) or a "
        "Local Campaign Forum: Secretaries, Social Media Officers, and the members who run "
        "a branch's Facebook group or WhatsApp channel.\n\n"
        "1. Who owns it. Anything online that claims to represent the local party is owned "
        "and controlled by the officers of the branch, CLP or Local Campaign Forum it "
        "speaks for, not by the person who set it up. Failing to respect this is a matter "
        "of party discipline. Every such account must be on your CLP's register of its "
        "online presence, in LabourHub.\n\n"
        "2. Your CLP's designated administrators. Each CLP has clearly designated "
        "administrators of its social media: the Secretary or the Social Media Officer. "
        "They keep the register, decide who can sign in, and answer for the accounts.\n\n"
        "3. Never depend on one person. At least two officers should be able to sign in to "
        "every account. Group administrators who are not officers are listed on the "
        "register by name and email, so everyone knows who can sign in.\n\n"
        "4. Keep the sign-in details safe. Keep passwords in a password manager the "
        "officers share, never in an email, a chat or on the register. Turn on two-factor "
        "authentication. Set the recovery email address and phone number to ones the "
        "CLP's officers control, not someone's personal ones, and record them on the "
        "register.\n\n"
        "5. Show the party you control it. Put the control code the register gives each "
        "account in its bio or a pinned post. Central staff open the account to check it. "
        "At least once in every review period an officer confirms on the register that "
        "the CLP still controls the account.\n\n"
        "6. When someone leaves office. The same week: change the password, move the "
        "recovery email and phone to the remaining officers, remove the person who left "
        "from the account's admins, then update the register and confirm control. "
        "LabourHub emails this checklist to the remaining officers when the last officer "
        "who can sign in leaves.\n\n"
        "7. Use it to maximum effect. Plan posts around your campaigns; make sure every "
        "key event is well publicised, early and more than once, using the event's "
        "publicity kit; share facts from the Membersnet knowledge bank with their source; "
        "reply to members and the public promptly and kindly.\n\n"
        "8. If something goes wrong. If you see an account that claims to speak for the "
        "party but is not on the register, or you lose access to one, tell your CLP "
        "Secretary and report it on LabourHub's “Is this account official?” page.\n\n"
        "Take the group administrators' course on Membersnet: everyone the register lists "
        "as able to sign in is invited to it.",
    ),
]


@transaction.atomic
def fill_demo_rulebook() -> None:
    """Make (or bring up to date) the demo editions and procedures."""
    texts_2026 = _apply_changes(RULEBOOK_2025)
    for year, title, published_on in EDITIONS:
        edition, _ = Edition.objects.update_or_create(
            year=year,
            defaults={"title": title, "note": DEMO_NOTE, "published_on": published_on},
        )
        _fill_edition(edition, RULEBOOK_2025 if year == 2025 else texts_2026)
    for kind, title, summary, body in PROCEDURES:
        procedure = Procedure.objects.filter(title=title).first() or Procedure(title=title)
        procedure.kind, procedure.summary, procedure.body = kind, summary, body
        procedure.save()


def _apply_changes(rulebook):
    """The 2026 rulebook: the 2025 one with SECTIONS_ADDED_2026, CHANGES_2026 and
    CHAPTERS_ADDED_2026."""
    result = {
        chapter: (
            title,
            {n: (s_title, dict(clauses)) for n, (s_title, clauses) in sections.items()},
        )
        for chapter, (title, sections) in rulebook.items()
    }
    for (chapter, section), added in SECTIONS_ADDED_2026.items():
        result[chapter][1][section] = (added[0], dict(added[1]))
    for (chapter, section, clause), text in CHANGES_2026.items():
        clauses = result[chapter][1][section][1]
        if text is None:
            clauses.pop(clause, None)
        else:
            clauses[clause] = text
    result.update(CHAPTERS_ADDED_2026)
    return result


def _fill_edition(edition, rulebook):
    for number, (title, sections) in rulebook.items():
        chapter, _ = Chapter.objects.update_or_create(
            edition=edition, number=number, defaults={"title": title}
        )
        for section_number, (section_title, clauses) in sections.items():
            section, _ = Section.objects.update_or_create(
                chapter=chapter, number=section_number, defaults={"title": section_title}
            )
            for clause_number, text in clauses.items():
                key = KEYS.get((number, section_number, clause_number), "")
                Clause.objects.update_or_create(
                    section=section, number=clause_number, defaults={"text": text, "key": key}
                )
            # A clause the demo text no longer has (from an older run) goes.
            section.clauses.exclude(number__in=clauses.keys()).delete()
