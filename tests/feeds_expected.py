"""What each real feed shape's fixture must show after a real refresh (issue 10 items 2 and 10).

Written from the fixture files by hand, one entry per service the app keeps: the lines
the details pane shows (as plain text), every link in the pane in order (``tel:`` with
``;ext=``, none for a non-UK number; https and http sites), each location's position,
and the coverage report's figures. ``test_feeds_end_to_end.py`` checks them through
``send-desk refresh SOURCE --db PATH --force`` → ``Store.service`` → ``service_html``.
The fixtures' e-mail addresses are all example.org, which a real refresh drops as
reserved: so every shape's e-mail coverage is 0 and the addresses are listed as absent;
the e-mail path is checked with ``allow_reserved_emails`` (as the bundled demo reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ui.local_offer.details import SEND_HEADING


@dataclass(frozen=True)
class Shown:
    lines: tuple[str, ...]  # each a substring of the pane's plain text
    hrefs: tuple[str, ...] = ()  # every link of the pane, in order
    positions: tuple[tuple[float, float] | None, ...] = ()  # each location: (lat, lon) or None


@dataclass(frozen=True)
class Expected:
    source: str  # under tests/data/feeds
    shape: str  # the report's 'Feed shape:' line
    services: dict[str, Shown]
    gone: tuple[str, ...]  # ids in the feed that must not be shown (inactive, skipped)
    absent: tuple[str, ...]  # never in any pane of this feed
    autism: frozenset[str]  # what `autism` finds: every service tagged Autism
    districts: dict[str, frozenset[str]]  # postcode district → its services
    coverage: dict[str, int]  # coverage.FIELDS → services that have it
    from_name: int = 0  # categories found from the service's name
    emails: dict[str, tuple[str, ...]] = field(default_factory=dict)  # with reserved allowed


OUTPOST = Expected(
    source="outpost/services.json",
    shape="Outpost / Scout directory (Open Referral 1.0-style API)",
    services={
        "1042": Shown(
            (
                "Kingfisher Swimming Club for Disabled Children\nKingfisher Lane Short Breaks\n",
                "Ages 5–18 · £83.50 per day (0-4s); £52.80 per half day",
                "Weekly swimming sessions with 1:1 support in a warm pool.",
                "• Changing Places toilet\n• Hoist",
                f"{SEND_HEADING}\nAll our coaches hold a disability swimming qualification.",
                "How accessible is the environment (indoors and outdoors)?\n"
                "Level access from the car park, a hoist and a Changing Places toilet.",
                "The provider’s SEND page",
                "Broad areas of need: Communication and interaction; Sensory and/or physical needs",
                "As the publisher names them: Autism, Physical disabilities, "
                "Sensory and physical needs",
                "Costs\n£83.50 per day (0-4s)\n£52.80 per half day\nContact",
                "Sam Brook · Club coordinator · 0121 496 0123 ext. 303",
                "Bookings · Youth line: 01632 960123",
                "Website: http://example.org/kingfisher-swim (not a secure site)",
                "Organisation website\nFacebook",
                "Southmere Pool and Fitness, Lakeside Drive, Brookvale, Westshire, BV6 7LP",
                "When\nSaturday: 9am to 10:30am",
                "How to access\nNo referral needed.",
                "For: Older people",
                "Accessibility\nHoist, Accessible toilet facilities",
                "Categories: Short breaks, leisure and things to do, Swimming, Things to do",
                "Last updated by the publisher on 14 October 2026.",
            ),
            (
                "https://example.org/kingfisher/send-report",
                "tel:+441214960123;ext=303",
                "tel:+441632960123",
                "http://example.org/kingfisher-swim",
                "https://example.org/kingfisher",
                "https://example.org/facebook/kingfisher",
            ),
            ((52.4038, -1.5142),),
        ),
        "1043": Shown(
            (
                "Safe Haven Parent Support\nBrookvale Parent Carer Forum\nAges 0–2 · Free",
                "Broad areas of need: Communication and interaction",
                "Helpline · 020 7946 0321 ext. 2286",
                "Where\nBrookvale, BV3 (exact address not published)\n",
                "Monday, Wednesday: 10am to 12pm",
                "How to access\nA referral is needed.",
                "Categories: Family support and advice, Advice and support",
                "Last updated by the publisher on 1 September 2026.",
            ),
            ("tel:+442079460321;ext=2286",),
            (None,),  # masked: no position either
        ),
        "1044": Shown(
            (
                "Little Acorns Childminding\n0+ · £58.00 per day (Full day); Free (Funded hours)",
                "Broad areas of need: Cognition and learning",
                "Jo · +1 305 555 0123",
                "Website: https://www.example.org/little-acorns",
                "Home, 12 Orchard Rise, Brookvale, BV5 2EH",
                "Categories: Childcare and early years, Childcare",
                "Last updated by the publisher on 20 August 2026.",
            ),
            ("tel:+13055550123", "https://www.example.org/little-acorns"),
            ((52.4289, -1.5486),),  # given the wrong way round, put right
        ),
        "1045": Shown(
            (
                "Pathways to Work Club\nImportant: This service is temporarily closed.",
                "Brookvale Pathways to Work\n16+ · Cost not given",
                f"{SEND_HEADING}\nWhat outcomes does your service aim to achieve?\n"
                "Paid work or an apprenticeship.",
                "Office · 07700 900456",
                "Website: https://example.org/pathways",
                "Northgate College, Foundry Lane, Brookvale, BV1 7NP",
                "Categories: Preparing for adulthood, Employment and training",
            ),
            ("tel:+447700900456", "https://example.org/pathways"),
            ((52.4493, -1.5302),),
        ),
    },
    gone=("1046",),
    absent=(
        "Old contact", "0121 496 0999", "Sibling", "Bad link", "javascript", "NaN",
        "noemail", "Unknown-8812", "@", "***", "not a date", "How do you involve parents",
    ),
    autism=frozenset({"1042"}),
    districts={"BV1": frozenset({"1045"}), "BV3": frozenset({"1043"}),
               "BV5": frozenset({"1044"}), "BV6": frozenset({"1042"})},
    coverage={"phone": 4, "e-mail": 0, "website": 3, "address": 4, "postcode": 4,
              "map position": 3, "ages": 4, "needs": 3, "category": 4, "opening times": 2,
              "cost": 3, "SEND statement": 2},
    emails={"1042": ("swim@example.org",), "1043": ("help@example.org",),
            "1044": ("jo@example.org",), "1045": ("pathways@example.org",)},
)

PLACECUBE = Expected(
    source="placecube/services.json",
    shape="Placecube Open Place Directory (ORUK 3.0 with pc_ fields)",
    services={
        "6f1d0c1e-2a7b-4d3c-9e10-000000000001": Shown(
            (
                "Brookvale Care Leavers Hub\nBrookvale 1625 Partnership\nAges 16–25 · Free",
                "Drop-in advice on housing, money and work for young people leaving care.",
                "Duty worker · Duty line: 0117 496 0123",
                "Website: https://example.org/care-leavers-hub\nOrganisation website",
                "Quayside House, 6 Mill Race, Brookvale, BV3 6TE",
                "Tuesday, Thursday: 1pm to 4pm",
                "By referral. Ask your personal adviser to refer you. A referral is needed.",
                "For: Care leavers, Homeless\nYoung people who have been in care",
                "Languages\nEnglish, Polish",
                "Categories: Family support and advice, Money, benefits and housing",
                "Area: Brookvale, South Brookvale",
                "Last updated by the publisher on 30 August 2026.",
                "Checked by a person on 2 September 2026.",
            ),
            ("tel:+441174960123", "https://example.org/care-leavers-hub",
             "https://example.org/1625"),
            ((52.4169, -1.5214),),
        ),
        "6f1d0c1e-2a7b-4d3c-9e10-000000000002": Shown(
            (
                "Sensory Play Sessions\nBrookvale Family Hubs",
                "· £2.50 per session (Pay what you can)",  # ages -1: unknown
                "Broad areas of need: Communication and interaction",
                "As the publisher names them: Autism",
                "Categories: Short breaks, leisure and things to do",
                "Last updated by the publisher on 1 July 2026.",
            ),
        ),
        "6f1d0c1e-2a7b-4d3c-9e10-000000000003": Shown(
            (
                "Deaf Children's Youth Club\nBrookvale Deaf Children's Society\n"
                "Ages 8–18 · Cost not given",
                "Broad areas of need: Sensory and/or physical needs",
                "As the publisher names them: Hearing impairment",
                "Textphone: 0117 496 0777 ext. 12",
                "For: Deaf or hard of hearing",
                "Categories: Health, Short breaks, leisure and things to do, Youth clubs",
            ),
            ("tel:+441174960777;ext=12",),
        ),
        "6f1d0c1e-2a7b-4d3c-9e10-000000000004": Shown(
            (
                "Family Money Advice\nBrookvale Citizens Advice Point",
                "Advice line · International line: 305-555-0199",  # as written, no tel:
                "For: Families",
                "Checked by a person on 10 October 2026.",
            ),
        ),
    },
    gone=("6f1d0c1e-2a7b-4d3c-9e10-000000000005",),
    absent=("noemail", "Unknown-5542", "@", "0305", "pc_", "http://www.example.com"),
    autism=frozenset({"6f1d0c1e-2a7b-4d3c-9e10-000000000002"}),
    districts={"BV3": frozenset({"6f1d0c1e-2a7b-4d3c-9e10-000000000001"})},
    coverage={"phone": 3, "e-mail": 0, "website": 1, "address": 1, "postcode": 1,
              "map position": 1, "ages": 2, "needs": 2, "category": 4, "opening times": 1,
              "cost": 2, "SEND statement": 0},
    from_name=2,
    emails={"6f1d0c1e-2a7b-4d3c-9e10-000000000002": ("play@example.org",)},
)

ORUK1 = Expected(
    source="oruk1/services.json",
    shape="Open Referral UK 1.0 (JSON)",
    services={
        "esd-101": Shown(
            (
                "Speech and Language Drop-in\nBrookvale Children's Therapies\nAges 0–4 · Free\n",
                "Advice for parents worried about their child's talking.",
                "Broad areas of need: Communication and interaction",
                "As the publisher names them: Speech, language and communication needs",
                "Therapy admin · Admin · 0121 496 0300 ext. 42",
                "Brookvale Children's Therapies · Organisation · 01632 960500",
                "Website: https://example.org/slt-drop-in",
                "Organisation website (not a secure site)",
                "Northgate Family Hub, 14 Ashcombe Road, Brookvale, BV1 4QT",
                "Thursday: 9:30am to 11:30am",
                "Children under 5",
                "Accessibility\nWheelchair accessible entrance",
                "Languages\nEnglish, Urdu",
                "Categories: Health, Speech and language therapy",
                "Area: Northgate",
            ),
            ("tel:+441214960300;ext=42", "tel:+441632960500",
             "https://example.org/slt-drop-in", "http://example.org/therapies"),
            ((52.4468, -1.5231),),
        ),
        "esd-102": Shown(
            (
                "Short Breaks Saturday Club\nKingfisher Lane Short Breaks\n"
                "Ages 6–8 · Cost not given",  # eligibility 8 to 6: swapped
                "As the publisher names them: Autism",
                "Contact\n0121 496 0410 ext. 7",
                "Saturday: 10am to 3pm",
                "Disabled children",
                "Categories: Short breaks, leisure and things to do, "
                "Short breaks for disabled children",
            ),
            ("tel:+441214960410;ext=7",),
        ),
        "esd-103": Shown(
            (
                "Family Support Line\nBrookvale Early Help",  # organisation as a bare string
                "Freephone: 0808 157 0192",
                "Categories: Family support and advice, Individual and Family Life",
            ),
            ("tel:+448081570192",),
        ),
        "esd-106": Shown(
            (
                "Westbrook Youth Forum\nAges 11–19 · Cost not given",
                "Young people’s forum for 11 to 19s.",  # entities decoded, tags gone
                "Youth worker · 07700 900123",
                "Website: https://www.example.org/youth-forum",
                "Categories: Short breaks, leisure and things to do, Youth services",
            ),
            ("tel:+447700900123", "https://www.example.org/youth-forum"),
        ),
        "esd-105": Shown(("Bare list entry\nBrookvale Council",)),
    },
    gone=("esd-104",),
    absent=("Free, Free", "not known", "&lt;", "<b>", "mailto", "@"),
    autism=frozenset({"esd-102"}),
    districts={"BV1": frozenset({"esd-101"})},
    coverage={"phone": 4, "e-mail": 0, "website": 2, "address": 1, "postcode": 1,
              "map position": 1, "ages": 3, "needs": 2, "category": 4, "opening times": 2,
              "cost": 1, "SEND statement": 0},
    emails={"esd-101": ("slt@example.org", "therapies@example.org"), "esd-103": ("earlyhelp@example.org",),
            "esd-106": ("youth@example.org",)},
)
