"""What the ORUK 3.0 JSON and the two HSDS CSV fixtures must show (see ``feeds_expected``)."""

from __future__ import annotations

from tests.feeds_expected import Expected, Shown

COUNSELLING = "ac148810-0000-441c-9679-000000000001"
ORUK3 = Expected(
    source="oruk3/services.json",
    shape="HSDS / Open Referral UK 3.0 (JSON)",
    services={
        COUNSELLING: Shown(
            (
                "Community Counselling for Young People\nImportant: Most sessions are now "
                "online. Call reception for a room booking.\n",
                "Example Counselling Trust\nAges 12–25 · Free (Under 18); £50.00 per hour "
                "(Adults); Free for under-18s; £50 per hour otherwise.",
                "Counselling for young people with anxiety or low mood.",
                "Broad areas of need: Social, emotional and mental health",
                "As the publisher names them: Social, emotional and mental health support",
                "Costs\nFree (Under 18)\n£50.00 per hour (Adults)\n"
                "Free for under-18s; £50 per hour otherwise.\nContact",
                "Reception: 0121 496 0234 ext. 100",
                "Oldmarket Wellbeing Centre · Venue · Centre desk: 0121 496 0235",
                "Website: https://example.org/counselling\nOrganisation website\nReferral form",
                "Where\nOldmarket Wellbeing Centre, 33 Cooper's Yard, Brookvale, BV4 3RS\n",
                "Thursday, Friday: 10am to 6pm",
                "Ask your GP for a referral letter, or call reception.",
                "Young people aged 12 and over who live in Brookvale.",
                "Accessibility\nInduction loop at reception (Switch hearing aid to T.)",
                "Languages\nPolish, Urdu, Interpreters for Urdu and Polish",
                "Categories: Health, Mental health, social and emotional support",
                "Area: Brookvale",
                "Last updated by the publisher on 15 October 2026.",
                "Checked by a person on 1 June 2026.",
            ),
            ("tel:+441214960234;ext=100", "tel:+441214960235", "https://example.org/counselling",
             "https://example.org/trust", "https://example.org/counselling/refer"),
            ((52.4233, -1.5294),),
        ),
        "ac148810-0000-441c-9679-000000000002": Shown(
            (
                "Stay and Play for Under Fives\nAges 0–5 · Cost not given",
                "Hub reception · 020 7946 0888",
                "Riverside Family Hub, 27 Wharf Street, Brookvale, BV3 2QT",
                "Categories: Childcare and early years, Pregnancy, birth and early years",
                "Last updated by the publisher on 10 September 2026.",
            ),
            ("tel:+442079460888",),
            (None,),
        ),
        "ac148810-0000-441c-9679-000000000004": Shown(
            (
                "Independent Travel Training\n14+ · Cost not given",
                "Where\nNowhere\n",
                "Categories: Preparing for adulthood, Travel training",
            ),
            (),
            (None,),  # latitude 100 is no place
        ),
        "ac148810-0000-441c-9679-000000000005": Shown(
            (
                "Autism Parent Group",
                "Broad areas of need: Communication and interaction",
                "As the publisher names them: Autistic Spectrum Disorder (ASD)",
                "Categories: Family support and advice, "
                "Groups for parents and carers of children with SEND",
            ),
        ),
    },
    gone=("ac148810-0000-441c-9679-000000000003",),  # a name that is not text
    absent=("PO Box 1", "BV4 9ZZ", "inf", "1e400", '"+44', "@", "A very long description"),
    autism=frozenset({"ac148810-0000-441c-9679-000000000005"}),
    districts={"BV3": frozenset({"ac148810-0000-441c-9679-000000000002"}),
               "BV4": frozenset({COUNSELLING})},
    coverage={"phone": 2, "e-mail": 0, "website": 1, "address": 2, "postcode": 2,
              "map position": 1, "ages": 3, "needs": 2, "category": 4, "opening times": 1,
              "cost": 1, "SEND statement": 0},
    emails={COUNSELLING: ("counselling@example.org", "info@example.org"),
            "ac148810-0000-441c-9679-000000000002": ("hub@example.org",)},
)

HSDS3 = Expected(
    source="hsds3-csv",
    shape="HSDS / ORUK 3.0 CSV data package",
    services={
        "svc-1": Shown(
            (
                "Speech and Language Drop-in\nBrookvale Example Charity\nAges 0–4 · Free\n",
                "Drop in with questions about talking.",  # the javascript: link's text only
                "Broad areas of need: Communication and interaction",
                "As the publisher names them: Speech language and communication needs",
                "Therapy desk · Administrator · 0121 496 0555",
                "Community Hall · Venue · Textphone: 0121 496 0556",
                "Website: https://example.org/salt\nOrganisation website",
                "Community Hall, 1 Example Road, Brookvale, BV1 2AA",
                "Monday: 9:30am to 12pm",
                "How to access\nJust come along.",
                "Children under 5",
                "Languages\nUrdu",
                "Categories: Education, Education and learning",
                "Area: Northgate",
                "Last updated by the publisher on 1 October 2026.",
                "Checked by a person on 1 May 2026.",
            ),
            ("tel:+441214960555", "tel:+441214960556", "https://example.org/salt",
             "https://example.org/charity"),
            ((52.41, -1.51),),
        ),
        "svc-2": Shown(
            (
                "Holiday Club for Disabled Children\nBrookvale Example Charity\n"
                "Ages 5–16 · £25.00 per day\n",  # the fees text said the same once more
                "Inclusive holiday play,\nwith 1:1 support where needed.",
                "As the publisher names them: Autism",
                "Bookings: 01632 960123 ext. 12",
                "Website: http://example.org/insecure (not a secure site)",
                "Where\nNowhere\n",
                "Categories: Short breaks, leisure and things to do, Holiday activities, "
                "Things to do",
                "Last updated by the publisher on 3 October 2026.",
            ),
            ("tel:+441632960123;ext=12", "http://example.org/insecure",
             "https://example.org/charity"),
            (None,),
        ),
        "svc-4": Shown(
            (
                "Parent Carer Forum Coffee Morning\nBrookvale Parent Carer Forum\n"
                "Ages not given · Free\nMeet other parents.",
                "Brookvale Parent Carer Forum · Organisation · Forum office: 01632 960456",
                "Categories: Family support and advice, Support groups",
                "Last updated by the publisher on 20 September 2026.",
            ),
            ("tel:+441632960456",),
        ),
        "svc-5": Shown(
            (
                "Wheelchair Skills Sessions\nBrookvale Parent Carer Forum\n"
                "Ages 8–18 · Cost not given",
                "As the publisher names them: Physical disabilities",
                "Oldmarket Leisure Centre · Venue · Leisure centre desk: 020 7946 0777",
                "Brookvale Parent Carer Forum · Organisation · Forum office: 01632 960456",
                "Oldmarket Leisure Centre, Chandler Street, Brookvale, BV4 5LG",
                "When\nSaturday: 10am to 11am (Saturdays in term time)",
                "Accessibility\nChanging Places toilet",
                "Categories: Health\n",
                "Last updated by the publisher on 1 August 2026.",
            ),
            ("tel:+442079460777", "tel:+441632960456"),
            ((52.4271, -1.5317),),
        ),
    },
    gone=("svc-3",),
    absent=("not-an-email", "javascript", "NaN", "No id here", "£25 per day", "Costs", "@"),
    autism=frozenset({"svc-2"}),
    districts={"BV1": frozenset({"svc-1"}), "BV4": frozenset({"svc-5"})},
    coverage={"phone": 4, "e-mail": 0, "website": 2, "address": 2, "postcode": 2,
              "map position": 2, "ages": 3, "needs": 3, "category": 4, "opening times": 2,
              "cost": 3, "SEND statement": 0},
    from_name=1,
    emails={"svc-1": ("desk@example.org", "info@example.org", "salt@example.org"), "svc-2": ("info@example.org",),
            "svc-4": ("forum@example.org",)},
)

HSDS11 = Expected(
    source="hsds11-csv",
    shape="HSDS 1.1 CSV data package",
    services={
        "s11-1": Shown(
            (
                "Children's Occupational Therapy\nBrookvale Community Health Partnership",
                "Help with everyday activities.",
                "Broad areas of need: Sensory and/or physical needs",
                "As the publisher names them: Physical disabilities",
                "Referral coordinator · 0121 496 0701 ext. 15",
                "Riverside Therapy Centre · Venue · Therapy centre: 0121 496 0700",
                "Website: https://example.org/ot\nOrganisation website (not a secure site)",
                "Riverside Therapy Centre, Unit 5, Lockside Business Park, Canal Road, "
                "Brookvale, BV3 9FB",
                "When\nMonday to Thursday: 9am to 5pm\nFriday: 9am to 4:30pm",
                "Referral from a GP or school.",
                "Children and young people up to 19",
                "Categories: Health, Therapies",  # "Health" once: absent has "Health, Health"
            ),
            ("tel:+441214960701;ext=15", "tel:+441214960700", "https://example.org/ot",
             "http://example.org/health"),
            ((52.4156, -1.5087),),
        ),
        "s11-2": Shown(
            (
                "Short Breaks Playscheme\nBrookvale Community Health Partnership",
                "· £20 per day\nSummer playscheme for disabled children.",
                "As the publisher names them: Autism",
                "Contact\nBookings: 07700 900777\nWebsite: https://example.org/playscheme",
                "Southmere Children's Centre, 45 Heron Parade, Brookvale, BV6 1QB",
                "Categories: Short breaks, leisure and things to do, Short breaks",
            ),
            ("tel:+447700900777", "https://example.org/playscheme", "http://example.org/health"),
            ((52.4096, -1.5169),),
        ),
        "s11-4": Shown(
            (
                "Sibling Circle\nBrookvale Parent Carer Forum",
                "Support for brothers and sisters.",
                "Southmere Children's Centre · Venue · Centre desk: 01632 960778",
                "Brookvale Parent Carer Forum · Organisation · Forum office: 01632 960777",
                "Southmere Children's Centre, 45 Heron Parade, Brookvale, BV6 1QB",
                "Categories: Family support and advice, Sibling support",
            ),
            ("tel:+441632960778", "tel:+441632960777"),
            ((52.4096, -1.5169),),
        ),
    },
    gone=("s11-3",),
    absent=("Unterminated", "@", "Health, Health"),
    autism=frozenset({"s11-2"}),
    districts={"BV3": frozenset({"s11-1"}), "BV6": frozenset({"s11-2", "s11-4"})},
    coverage={"phone": 3, "e-mail": 0, "website": 2, "address": 3, "postcode": 3,
              "map position": 3, "ages": 0, "needs": 2, "category": 3, "opening times": 1,
              "cost": 1, "SEND statement": 0},
    emails={"s11-1": ("ot@example.org", "referrals@example.org"),
            "s11-4": ("siblings@example.org",)},
)
