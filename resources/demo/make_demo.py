#!/usr/bin/env python3
"""Generate the fictional Brookvale SEND Local Offer used as demo data.

Writes local-offer.json (Open Referral UK 3.0 / HSDS 3.0 page of services) next
to this script. Standard library only, no randomness: every value comes from the
hand-written lists below or from simple arithmetic on list positions, so running
it twice gives a byte-identical file.

Everything here is fictional: Brookvale, its districts, organisations, venues and
people do not exist. Phone numbers are Ofcom drama numbers; e-mail and web
addresses use example.org.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo_extras as extras  # the sibling file of more fields

OUT = Path(__file__).resolve().parent / "local-offer.json"
COUNCIL = "Brookvale City Council"
AREAS = ["Northgate", "Eastfield", "Riverside", "Oldmarket", "Westbrook Hill", "Southmere"]

CATEGORIES = {
    "education": "Education",
    "health": "Health",
    "social-care": "Social care",
    "childcare": "Childcare and early years",
    "short-breaks": "Short breaks, leisure and things to do",
    "adulthood": "Preparing for adulthood",
    "family-support": "Family support and advice",
}
NEEDS = {
    "asd": "Autistic Spectrum Disorder",
    "hi": "Hearing impairment",
    "vi": "Visual impairment",
    "slcn": "Speech language and communication needs",
    "semh": "Social emotional and mental health",
    "pd": "Physical disabilities",
    "ld": "Learning difficulties and disabilities",
    "breaks": "Breaks and respite",
}

# Ofcom drama ranges, split into prefix + three digits added below.
PHONE_PREFIX = {
    "L": "0121 496 0",  # 0121 496 0000-0999: council and NHS style services
    "N": "01632 960",  # 01632 960000-960999: charities and community groups
    "M": "07700 900",  # 07700 900000-900999: club leaders' mobiles
    "T": "020 7946 0",  # 020 7946 0000-0999: private providers
}
PHONE_START = {"L": 104, "N": 211, "M": 318, "T": 425}

ORGS = [
    "Brookvale City Council SEND Team",  # 01
    "Brookvale Educational Psychology Service",  # 02
    "Brookvale Specialist Teaching and Inclusion Service",  # 03
    "Brookvale Community Health Partnership",  # 04
    "Brookvale Children's Therapies",  # 05
    "Brookvale Disabled Children's Social Work Team",  # 06
    "Riverside Family Hub",  # 07
    "Little Wrens Nursery",  # 08
    "Brookvale Parent Carer Forum",  # 09
    "Brookvale SEND Information, Advice and Support Service",  # 10
    "Kingfisher Lane Short Breaks",  # 11
    "Westbrook Hill Youth Partnership",  # 12
    "Southmere Sensory Hub CIC",  # 13
    "Brookvale Active Leisure Trust",  # 14
    "Northgate College",  # 15
    "Brookvale Pathways to Work",  # 16
    "Lanternlight Tutoring",  # 17
    "Open Pages Dyslexia Assessment",  # 18
    "Willowbeck House Short Breaks",  # 19
    "Brookvale Deaf Children's Society",  # 20
    "Brookvale Sensory Support Service",  # 21
    "Sibling Circle Brookvale",  # 22
    "Brookvale Wheelchair and Seating Service",  # 23
    "Brookvale Emotional Wellbeing Service",  # 24
    "Meadowbank School Outreach",  # 25
    "Hollybrook Riding Centre",  # 26
]

# key: (name, address_1, district, postcode, latitude, longitude)
VENUES = {
    "N1": ("Northgate Family Hub", "14 Ashcombe Road", "Northgate", "BV1 4QT", 52.4468, -1.5231),
    "N2": (
        "Northgate College, Foundry Lane Campus",
        "Foundry Lane",
        "Northgate",
        "BV1 7NP",
        52.4493,
        -1.5302,
    ),
    "N3": (
        "Brookvale Children's Health Centre",
        "2 Cedar Walk",
        "Northgate",
        "BV1 2HX",
        52.4412,
        -1.5166,
    ),
    "N4": (
        "Northgate Community Hall",
        "61 Tanner Street",
        "Northgate",
        "BV1 5DE",
        52.4437,
        -1.5258,
    ),
    "E1": ("Little Wrens Nursery", "8 Blossom Way", "Eastfield", "BV2 3LR", 52.4297, -1.4862),
    "E2": ("Eastfield Clinic", "40 Greystone Avenue", "Eastfield", "BV2 6JS", 52.4261, -1.4911),
    "E3": (
        "Eastfield Library and Learning Centre",
        "1 Market Cross",
        "Eastfield",
        "BV2 1AW",
        52.4275,
        -1.4947,
    ),
    "E4": ("Kingfisher Lane Centre", "3 Kingfisher Lane", "Eastfield", "BV2 8PG", 52.4319, -1.4836),
    "R1": ("Riverside Family Hub", "27 Wharf Street", "Riverside", "BV3 2QT", 52.4183, -1.5128),
    "R2": (
        "Riverside Therapy Centre",
        "Unit 5, Lockside Business Park, Canal Road",
        "Riverside",
        "BV3 9FB",
        52.4156,
        -1.5087,
    ),
    "R3": ("Riverside Community Centre", "19 Ferry Lane", "Riverside", "BV3 4NU", 52.4202, -1.5171),
    "R4": ("Quayside House", "6 Mill Race", "Riverside", "BV3 6TE", 52.4169, -1.5214),
    "O1": (
        "Brookvale Council House",
        "1 Guildhall Square",
        "Oldmarket",
        "BV4 1AA",
        52.4248,
        -1.5262,
    ),
    "O2": (
        "Oldmarket Wellbeing Centre",
        "33 Cooper's Yard",
        "Oldmarket",
        "BV4 3RS",
        52.4233,
        -1.5294,
    ),
    "O3": ("Oldmarket Leisure Centre", "Chandler Street", "Oldmarket", "BV4 5LG", 52.4271, -1.5317),
    "O4": (
        "Corn Exchange Chambers",
        "Second floor, 9 Corn Exchange Row",
        "Oldmarket",
        "BV4 2BE",
        52.4257,
        -1.5243,
    ),
    "W1": (
        "Westbrook Hill Youth Centre",
        "88 Hilltop Road",
        "Westbrook Hill",
        "BV5 6WB",
        52.4321,
        -1.5527,
    ),
    "W2": (
        "Westbrook Hill Child Development Centre",
        "5 Orchard Rise",
        "Westbrook Hill",
        "BV5 2EH",
        52.4289,
        -1.5486,
    ),
    "W3": ("Meadowbank School", "Meadowbank Drive", "Westbrook Hill", "BV5 9JD", 52.4352, -1.5561),
    "W4": (
        "Brookvale Wheelchair and Seating Centre",
        "Unit 12, Westbrook Trading Estate",
        "Westbrook Hill",
        "BV5 4TR",
        52.4276,
        -1.5574,
    ),
    "W5": (
        "Hollybrook Riding Centre",
        "Hollybrook Farm, Hollybrook Lane",
        "Westbrook Hill",
        "BV5 8HF",
        52.4384,
        -1.5592,
    ),
    "S1": ("Southmere Sensory Hub", "17 Reedbed Lane", "Southmere", "BV6 3SX", 52.4071, -1.5196),
    "S2": (
        "Southmere Pool and Fitness",
        "Lakeside Drive",
        "Southmere",
        "BV6 7LP",
        52.4038,
        -1.5142,
    ),
    "S3": ("Willowbeck House", "2 Willowbeck Close", "Southmere", "BV6 5HN", 52.4019, -1.5237),
    "S4": (
        "Southmere Children's Centre",
        "45 Heron Parade",
        "Southmere",
        "BV6 1QB",
        52.4096,
        -1.5169,
    ),
}

WEEKDAYS = "MO,TU,WE,TH,FR"
# Each schedule entry: (description, freq, interval, byday, opens_at, closes_at)
SCHED = {
    "office": [("Mondays to Fridays, 9am to 5pm", "WEEKLY", 1, WEEKDAYS, "09:00", "17:00")],
    "office830": [
        ("Mondays to Fridays, 8:30am to 4:30pm", "WEEKLY", 1, WEEKDAYS, "08:30", "16:30")
    ],
    "termtime": [
        ("Term time, Mondays to Fridays, 8:30am to 4pm", "WEEKLY", 1, WEEKDAYS, "08:30", "16:00")
    ],
    "monthu": [
        ("Mondays to Thursdays, 9am to 5pm", "WEEKLY", 1, "MO,TU,WE,TH", "09:00", "17:00"),
        ("Fridays, 9am to 4:30pm", "WEEKLY", 1, "FR", "09:00", "16:30"),
    ],
    "late": [
        ("Mondays to Thursdays, 9am to 7pm", "WEEKLY", 1, "MO,TU,WE,TH", "09:00", "19:00"),
        ("Fridays, 9am to 5pm", "WEEKLY", 1, "FR", "09:00", "17:00"),
    ],
    "nursery": [
        (
            "Mondays to Fridays, 8am to 6pm, all year except bank holidays",
            "WEEKLY",
            1,
            WEEKDAYS,
            "08:00",
            "18:00",
        )
    ],
    "holiday": [
        (
            "School holidays only, Mondays to Fridays, 9:30am to 3:30pm",
            "WEEKLY",
            1,
            WEEKDAYS,
            "09:30",
            "15:30",
        )
    ],
    "afterschool": [
        (
            "Term time, Tuesdays and Thursdays, 3:30pm to 5:30pm",
            "WEEKLY",
            1,
            "TU,TH",
            "15:30",
            "17:30",
        )
    ],
    "saturday": [("Saturdays, 10am to 1pm", "WEEKLY", 1, "SA", "10:00", "13:00")],
    "eveline": [("Every day, 5pm to 10pm", "WEEKLY", 1, "MO,TU,WE,TH,FR,SA,SU", "17:00", "22:00")],
    "helpline": [
        ("Helpline: Mondays to Fridays, 9:30am to 4:30pm", "WEEKLY", 1, WEEKDAYS, "09:30", "16:30"),
        ("Evening call-back: Wednesdays, 5pm to 7pm", "WEEKLY", 1, "WE", "17:00", "19:00"),
    ],
    "tuition": [
        ("Mondays to Thursdays, 3:30pm to 7pm", "WEEKLY", 1, "MO,TU,WE,TH", "15:30", "19:00"),
        ("Saturdays, 9am to 1pm", "WEEKLY", 1, "SA", "09:00", "13:00"),
    ],
}


def one(desc, byday, opens, closes, freq="WEEKLY", interval=1):
    return [(desc, freq, interval, byday, opens, closes)]


def cost(option, amount, text):
    return (option, amount, text)


FREE = [cost("Free", 0, "Free")]

# Service fields, in order:
# slug, name, org number, categories, needs, (min age, max age), venue key or district
# (no physical location), cost options, schedule, contacts [(name, phone kind, email local)],
# service e-mail local part or None, has web page, status, description
SERVICES = [
    (
        "early-years-send-inclusion",
        "Early Years SEND Inclusion Team",
        3,
        ["education"],
        ["ld", "slcn"],
        (0, 5),
        "N1",
        FREE,
        "office",
        [("Duty officer", "L", None)],
        "eyinclusion",
        True,
        "active",
        "Specialist early years teachers who support nurseries, pre-schools and childminders to include children with "
        "special educational needs. The team visits settings, helps staff plan small-step targets and can advise on applying "
        "for inclusion funding. Parents can ask their setting to make a referral, or call the duty officer for advice before "
        "a child starts.",
    ),
    (
        "portage",
        "Portage Home Visiting",
        3,
        ["education"],
        ["ld", "pd"],
        (0, 5),
        "E3",
        FREE,
        "office830",
        [("Portage coordinator", "L", "portage")],
        "portage",
        True,
        "active",
        "<p>A free home-visiting educational service for babies and pre-school children with significant developmental "
        "delay or complex needs.</p><p>A trained Portage worker visits every one or two weeks to play with your child and "
        "agree <strong>small, achievable learning goals</strong> with you.</p><p>Referrals are accepted from parents, health "
        "visitors and other professionals.</p>",
    ),
    (
        "ep-consultation-line",
        "Educational Psychology Telephone Consultation Line",
        2,
        ["education"],
        ["semh", "ld"],
        (0, 25),
        "Oldmarket",
        FREE,
        one("Tuesdays, 1:30pm to 4pm (booked calls)", "TU", "13:30", "16:00"),
        [("Duty psychologist", "L", None)],
        "ep.duty",
        True,
        "active",
        "A weekly phone line where parents and carers can talk through worries about their child's learning, behaviour or "
        "wellbeing with an educational psychologist. Calls last about 30 minutes and are booked in advance through the duty "
        "line. The psychologist can suggest next steps and explain how to work with your child's school or setting.",
    ),
    (
        "autism-outreach-team",
        "Autism Outreach Teaching Team",
        3,
        ["education"],
        ["asd"],
        (4, 16),
        "R4",
        FREE,
        "office",
        [("Duty team", "L", None), ("Team administrator", None, "autism.outreach")],
        "autism.outreach",
        True,
        "active",
        "Advisory teachers who work with mainstream schools to support autistic pupils, with or without a formal diagnosis. "
        "They observe in class, train staff and help schools put reasonable adjustments in place, such as visual timetables "
        "and quiet spaces. Referrals come through the school's SENCo; parents are welcome to call for general advice.",
    ),
    (
        "specialist-literacy-teachers",
        "Specialist Literacy Support Teachers",
        3,
        ["education"],
        ["ld"],
        (5, 16),
        "Westbrook Hill",
        FREE,
        "termtime",
        [("Team leader", "L", None)],
        "literacy.support",
        True,
        "active",
        "A team of specialist teachers who help schools identify and support pupils with persistent reading, spelling and "
        "writing difficulties, including dyslexic-type difficulties. They carry out assessments in school, model teaching "
        "approaches and review progress each term. Schools make the referral, usually after talking it through with parents.",
    ),
    (
        "little-wrens-nursery",
        "Little Wrens Inclusive Day Nursery",
        8,
        ["education"],
        ["asd", "slcn"],
        (0, 5),
        "E1",
        [
            cost("Funded hours", 0, "Free for eligible funded early education hours"),
            cost("Per day", 58, "£58 per full day for additional hours"),
        ],
        "nursery",
        [("Nursery manager", "N", "manager.littlewrens")],
        "hello.littlewrens",
        True,
        "active",
        "An inclusive day nursery with a small sensory room, a garden with accessible play equipment and staff trained in "
        "simple signing and intensive interaction. Each child with additional needs has a key person who works closely with "
        "parents and visiting therapists. Funded early education hours can be used here, and extra hours are charged by the day.",
    ),
    (
        "little-wrens-sensory-stay-and-play",
        "Sensory Stay and Play at Little Wrens",
        8,
        ["education"],
        ["asd", "pd"],
        (0, 4),
        "E1",
        [cost("Per session", 3, "£3 per family per session")],
        one("Tuesdays, 10am to 11:30am", "TU", "10:00", "11:30"),
        [("Bookings", "N", None)],
        "hello.littlewrens",
        False,
        "active",
        "A relaxed weekly stay and play session for babies and toddlers with additional needs and their parents or carers. "
        "The room is quieter than a typical toddler group, with lights, textures and messy play. Places are limited to eight "
        "families, so please book ahead by email or phone.",
    ),
    (
        "riverside-additional-needs-stay-and-play",
        "Additional Needs Stay and Play",
        7,
        ["education", "social-care"],
        [],
        (0, 5),
        "R1",
        [cost("Per family", 1, "£1 per family per session, waived for anyone who asks")],
        one("Wednesdays, 9:30am to 11:30am", "WE", "09:30", "11:30"),
        [("Family support worker", "N", None)],
        None,
        False,
        "active",
        "A friendly drop-in for families of under-fives who have, or may have, special educational needs. Family support "
        "workers are on hand to chat, share information about local services and help with forms such as disability benefit "
        "claims. No need to book; just come along.",
    ),
    (
        "slt-early-years-drop-in",
        "Speech and Language Therapy Early Years Drop-in",
        5,
        ["health"],
        ["slcn"],
        (0, 5),
        "N3",
        FREE,
        one("Thursdays, 9:30am to 11:30am (drop-in)", "TH", "09:30", "11:30"),
        [("Therapy admin team", "L", None)],
        "slt.earlyyears",
        True,
        "active",
        "A drop-in advice session for parents who are worried about their young child's talking, understanding or feeding. "
        "A speech and language therapist will listen to your concerns, give practical tips to try at home and, if needed, "
        "arrange a full assessment. No referral is needed; bring your child's red book if you have it.",
    ),
    (
        "slt-school-age",
        "Speech and Language Therapy for School-age Children",
        5,
        ["health", "education"],
        ["slcn", "asd"],
        (4, 16),
        "R2",
        FREE,
        "office",
        [("Referrals coordinator", "L", "slt.referrals")],
        "slt.schoolage",
        True,
        "active",
        "Speech and language therapists work with school-age children who have speech, language, communication or "
        "swallowing needs. Therapy is mostly delivered in school, through direct sessions and training for teaching "
        "assistants, with a written programme shared with parents. Referrals are accepted from schools, GPs and parents "
        "using the online referral form.",
    ),
    (
        "childrens-occupational-therapy",
        "Children's Occupational Therapy",
        5,
        ["health"],
        ["pd", "ld"],
        (0, 19),
        "R2",
        FREE,
        "office",
        [("Duty therapist", "L", None)],
        "ot.children",
        True,
        "active",
        "Occupational therapists help children and young people who find everyday activities such as dressing, eating, "
        "writing or getting around difficult because of a physical or developmental condition. They can assess for "
        "specialist equipment and advise on adaptations at home and school. A referral is needed from a GP, paediatrician, "
        "school or health visitor.",
    ),
    (
        "childrens-physiotherapy",
        "Children's Physiotherapy",
        5,
        ["health"],
        ["pd"],
        (0, 19),
        "W2",
        FREE,
        "office",
        [("Physiotherapy reception", "L", None)],
        "physio.children",
        True,
        "active",
        "Children's physiotherapists assess and treat babies, children and young people with movement difficulties, "
        "including cerebral palsy, developmental delay and neuromuscular conditions. Support may include exercise "
        "programmes, orthotics, postural management and advice to schools. Referrals come from health professionals; "
        "parents can call for advice about whether to refer.",
    ),
    (
        "childrens-continence-advice",
        "Children's Bladder and Bowel Service",
        4,
        ["health"],
        ["ld", "pd"],
        (4, 19),
        "E2",
        FREE,
        one("Mondays, Wednesdays and Fridays, 9am to 4pm", "MO,WE,FR", "09:00", "16:00"),
        [("Continence nurses", "L", "continence.nurses")],
        "continence",
        True,
        "active",
        "Specialist nurses offer advice and treatment for children and young people with bladder and bowel problems, "
        "including bedwetting, constipation and delayed toilet training linked to additional needs. Clinics are held in "
        "person and by video call. Families can self-refer for children aged four and over, and the team can assess for "
        "continence products.",
    ),
    (
        "sleep-support",
        "Children's Sleep Support Service",
        4,
        ["health"],
        ["asd", "semh"],
        (2, 16),
        "N3",
        FREE,
        "monthu",
        [("Sleep practitioner team", "L", None)],
        "sleep.support",
        True,
        "active",
        "Sleep practitioners work with families of children who have long-standing sleep difficulties, such as trouble "
        "settling, frequent waking or very early rising. After a phone assessment you will be offered a tailored sleep plan "
        "and regular follow-up calls over about eight weeks. Parents can self-refer, and many of the families supported "
        "have autistic children.",
    ),
    (
        "neurodevelopmental-clinic",
        "Community Paediatrics and Neurodevelopmental Clinic",
        4,
        ["health"],
        ["asd"],
        (0, 18),
        "W2",
        FREE,
        "office",
        [("Paediatric secretaries", "L", None)],
        "paediatrics",
        True,
        "active",
        "The community paediatric team assesses children with suspected developmental, neurological or neurodevelopmental "
        "conditions, including autism and ADHD. A referral from a GP, school or other professional is needed, and current "
        "waiting times are shared with families when the referral is accepted. While you wait, the team's information pack "
        "lists local support that does not need a diagnosis.",
    ),
    (
        "emotional-wellbeing-service",
        "Children and Young People's Emotional Wellbeing Service",
        24,
        ["health"],
        ["semh"],
        (5, 18),
        "O2",
        FREE,
        "late",
        [("Duty clinician", "L", None), ("Referrals team", None, "wellbeing.referrals")],
        "wellbeing",
        True,
        "active",
        "<p>Free support for children and young people aged 5 to 18 who are struggling with anxiety, low mood, self-harm or "
        "difficult feelings.</p><ul><li>Single-session advice for parents and carers</li><li>Short courses of talking "
        "therapy</li><li>Specialist assessment where needed</li></ul><p>Young people, parents and professionals can all "
        "refer. <strong>If you are worried about someone's immediate safety, call 999.</strong></p>",
    ),
    (
        "evening-wellbeing-line",
        "Evening Wellbeing Line for Young People",
        24,
        ["health"],
        ["semh"],
        (11, 25),
        "Oldmarket",
        FREE,
        "eveline",
        [("Wellbeing line", "L", None), ("Text service", "M", None)],
        None,
        True,
        "active",
        "A confidential phone and text line staffed by trained wellbeing practitioners, for young people aged 11 to 25 who "
        "want to talk about how they are feeling. You do not need a referral or a diagnosis, and you can stay anonymous. "
        "Practitioners can help you make a plan and tell you about other local support.",
    ),
    (
        "understanding-anxiety-workshops",
        "Understanding Anxiety: Workshops for Parents",
        24,
        ["health"],
        ["semh"],
        (5, 18),
        "S4",
        [
            cost("Free", 0, "Free for families already supported by the service"),
            cost("Per workshop", 5, "£5 per workshop for other families"),
        ],
        one("Thursdays, 6:30pm to 8:30pm", "TH", "18:30", "20:30"),
        [("Workshop bookings", "L", "wellbeing.workshops")],
        "wellbeing.workshops",
        True,
        "active",
        "A series of three evening workshops for parents and carers of children with anxiety, including children with "
        "additional needs. Sessions cover why anxiety happens, how to respond to worries and avoidance, and how to work with "
        "school. Places are free for families already known to the service; there is a small charge for others.",
    ),
    (
        "wheelchair-and-seating",
        "Children's Wheelchair and Seating Service",
        23,
        ["health"],
        ["pd"],
        (0, 25),
        "W4",
        FREE,
        "office830",
        [("Clinic bookings", "L", None), ("Repairs line", "L", None)],
        "wheelchairs",
        True,
        "active",
        "Assesses children and young people who have a long-term difficulty with walking, and provides manual and powered "
        "wheelchairs, specialist buggies and seating. The team also repairs and reviews equipment as your child grows. "
        "Referrals come from a GP, therapist or consultant; existing users can call the repairs line directly.",
    ),
    (
        "disabled-childrens-social-work",
        "Disabled Children's Social Work Team",
        6,
        ["social-care"],
        ["pd", "ld", "breaks"],
        (0, 18),
        "O1",
        FREE,
        "monthu",
        [("Duty team", "L", "dcsw.duty")],
        "dcsw",
        True,
        "active",
        "<p>Social workers who support families of children with substantial and long-term disabilities.</p><p>After an "
        "assessment, the team can arrange <strong>short breaks</strong>, personal budgets and help with planning for the "
        "future.</p><p>Anyone can contact the duty team for advice or to ask for an assessment, including parents "
        "themselves.</p>",
    ),
    (
        "short-breaks-assessment",
        "Short Breaks Information and Assessment",
        6,
        ["social-care"],
        ["breaks"],
        (0, 18),
        "O1",
        FREE,
        "office",
        [("Short breaks team", "L", None)],
        "shortbreaks",
        True,
        "active",
        "Short breaks give disabled children positive experiences away from home and give parents and carers a rest. This "
        "team explains the short breaks available in Brookvale, from clubs open to everyone to specialist overnight care, "
        "and carries out the short breaks assessment. You can ask for an assessment yourself by phone or using the online form.",
    ),
    (
        "direct-payments-advice",
        "Direct Payments Advice",
        1,
        ["social-care"],
        ["breaks"],
        (0, 25),
        "N1",
        FREE,
        one("Wednesdays, 10am to 2pm (drop-in)", "WE", "10:00", "14:00"),
        [("Direct payments adviser", "L", None)],
        "directpayments",
        True,
        "active",
        "Advice for families who want to receive money instead of council-arranged services so they can choose their own "
        "support. Advisers explain how direct payments work, help you recruit and employ a personal assistant, and can set "
        "up a managed account if you would rather not handle payroll. The service is free to families assessed as eligible.",
    ),
    (
        "personal-budget-support",
        "SEND Personal Budget Support",
        1,
        ["social-care", "education"],
        [],
        (0, 25),
        "Northgate",
        FREE,
        "office",
        [("Personal budgets officer", "L", "personalbudgets")],
        "personalbudgets",
        True,
        "active",
        "Helps families and young people with an education, health and care plan to understand and request a personal "
        "budget. Staff explain what can be included, how the amount is worked out and how it will be reviewed. Contact the "
        "team at any time, though it is best to ask before your annual review meeting.",
    ),
    (
        "kingfisher-after-school-club",
        "Kingfisher Lane After-school Club",
        11,
        ["social-care"],
        ["breaks", "asd", "ld"],
        (5, 16),
        "E4",
        [cost("Per session", 15, "£15 per session; can be paid from a short breaks budget")],
        "afterschool",
        [("Club bookings", "N", None)],
        "bookings.kingfisher",
        True,
        "active",
        "A term-time after-school club for disabled children and children with additional needs, with a high staff ratio "
        "and trained support workers. Activities include cooking, crafts, sensory play and outdoor games in a secure "
        "garden. Transport from some special schools can be arranged, and sessions can be paid for using a short breaks budget.",
    ),
    (
        "kingfisher-saturday-club",
        "Kingfisher Lane Saturday Club",
        11,
        ["social-care"],
        ["breaks", "ld", "asd"],
        (8, 18),
        "E4",
        [cost("Per session", 18, "£18 per Saturday session, including trips")],
        "saturday",
        [("Club bookings", "N", None), ("Saturday club leader", "M", None)],
        "bookings.kingfisher",
        True,
        "active",
        "A Saturday morning club for children and young people aged 8 to 18 with learning disabilities or autism who want "
        "to make friends and try new things. Each month has a theme, with trips out to places such as the bowling alley, "
        "parks and the cinema. One-to-one support is available if your child's assessment says they need it.",
    ),
    (
        "kingfisher-holiday-play-scheme",
        "Kingfisher Lane Holiday Play Scheme",
        11,
        ["social-care"],
        ["breaks", "pd", "ld"],
        (5, 16),
        "E4",
        [cost("Per day", 28, "£28 per day; funded places available through short breaks")],
        "holiday",
        [("Club bookings", "N", None)],
        "bookings.kingfisher",
        True,
        "active",
        "<p>A holiday play scheme for disabled children aged 5 to 16, running in the Easter, summer and October half-term "
        "holidays.</p><ul><li>Day trips, swimming and outdoor play</li><li>Hoist, changing bench and accessible "
        "minibus</li><li>Medication and personal care given by trained staff</li></ul><p>Book through the bookings team. "
        "Places can be funded through a short breaks budget.</p>",
    ),
    (
        "willowbeck-overnight-breaks",
        "Willowbeck House Overnight Short Breaks",
        19,
        ["social-care", "health"],
        ["breaks", "pd", "ld"],
        (5, 18),
        "S3",
        [
            cost("Assessed need", 0, "No charge when arranged through a social care assessment"),
            cost("Per night", 245, "£245 per night for privately arranged stays"),
        ],
        "office",
        [("House manager", "N", "manager.willowbeck")],
        "willowbeck",
        True,
        "active",
        "<p>A six-bedroom home offering planned overnight stays for children and young people with complex disabilities or "
        "health needs.</p><p>Nurses and care staff provide personal care, medication and support with feeding, and children "
        "join in activities with others of a similar age.</p><p>Stays are usually arranged through a social care "
        "assessment, although some nights can be bought privately.</p>",
    ),
    (
        "willowbeck-weekend-day-breaks",
        "Willowbeck House Weekend Day Breaks",
        19,
        ["social-care", "health"],
        ["breaks", "pd"],
        (5, 18),
        "S3",
        [cost("Per day", 95, "£95 per day; usually funded through a short breaks budget")],
        one("Saturdays and Sundays, 10am to 4pm", "SA,SU", "10:00", "16:00"),
        [("House manager", "N", None)],
        "willowbeck",
        True,
        "active",
        "Daytime short breaks at weekends for children with complex health needs who are not yet ready for an overnight "
        "stay. Children spend the day with nurses and care staff they already know, with sensory sessions, garden play and "
        "a cooked lunch. Parents are encouraged to use the time to rest or spend time with their other children.",
    ),
    (
        "westbrook-inclusive-youth-club",
        "Westbrook Hill Inclusive Youth Club",
        12,
        ["social-care"],
        ["asd", "ld", "semh"],
        (11, 19),
        "W1",
        [cost("Per session", 2, "£2 per session")],
        one("Wednesdays and Fridays, 6pm to 9pm", "WE,FR", "18:00", "21:00"),
        [("Youth worker", "M", "youthclub.westbrook")],
        None,
        True,
        "active",
        "An inclusive youth club for young people aged 11 to 19, including those with autism, learning difficulties or "
        "anxiety. There is a games room, music studio, quiet room and a youth worker trained in supporting neurodivergent "
        "young people. Young people can come with a parent for a first visit before joining.",
    ),
    (
        "friday-friends",
        "Friday Friends Social Club",
        12,
        ["social-care"],
        ["ld"],
        (16, 25),
        "W1",
        [cost("Per session", 4, "£4 per evening; trips extra")],
        one("Fridays, 7pm to 9:30pm", "FR", "19:00", "21:30"),
        [("Club coordinator", "M", None)],
        "fridayfriends",
        False,
        "active",
        "A social evening for young adults aged 16 to 25 with learning disabilities, planned with ideas from members "
        "themselves. Evenings include karaoke, quizzes, cooking and trips into town, with support to practise using money "
        "and public transport. New members are asked to phone first to arrange a welcome chat.",
    ),
    (
        "outdoor-adventure-group",
        "Westbrook Hill Outdoor Adventure Group",
        12,
        ["social-care", "health"],
        ["semh"],
        (11, 18),
        "W1",
        [cost("Per activity day", 12.5, "£12.50 per activity day; £5 reduced rate")],
        one("First Saturday of each month, 9:30am to 4pm", "1SA", "09:30", "16:00", freq="MONTHLY"),
        [("Adventure lead", "M", "adventure.westbrook")],
        "adventure.westbrook",
        True,
        "active",
        "Monthly Saturday adventures for young people who find larger groups hard, including those with anxiety or low "
        "confidence. Activities include climbing, canoeing, orienteering and camping, led by qualified instructors with a "
        "youth worker. Equipment is provided, and a reduced rate is available for families receiving means-tested benefits.",
    ),
    (
        "southmere-sensory-room",
        "Southmere Sensory Room Sessions",
        13,
        ["health"],
        ["asd", "vi", "pd"],
        (0, 11),
        "S1",
        [cost("Per session", 8, "£8 per 45-minute session")],
        one("Tuesdays to Saturdays, 9:30am to 4:30pm", "TU,WE,TH,FR,SA", "09:30", "16:30"),
        [("Hub reception", "N", None)],
        "hello.sensoryhub",
        True,
        "active",
        "Private bookable sessions in a fully equipped sensory room with bubble tubes, fibre optics, a ball pool and a "
        "sound system. Sessions suit children with autism, visual impairment or complex physical needs, and brothers and "
        "sisters are welcome too. Each booking lasts 45 minutes and can be made online or by phone.",
    ),
    (
        "baby-toddler-sensory-group",
        "Baby and Toddler Sensory Group",
        13,
        ["education", "health"],
        ["vi", "hi"],
        (0, 5),
        "S1",
        [cost("Per session", 4, "£4 per session; first session free")],
        one("Wednesdays, 10am to 11:30am", "WE", "10:00", "11:30"),
        [("Hub reception", "N", None)],
        "hello.sensoryhub",
        True,
        "active",
        "A gentle weekly group for babies and toddlers with sensory impairments or developmental delay. Activities use "
        "light, sound, texture and movement, and are planned with advice from the local sensory support teachers. Parents "
        "can share experiences over a hot drink at the end of the session.",
    ),
    (
        "music-and-messy-play",
        "Music and Messy Play",
        13,
        ["education"],
        ["slcn", "asd"],
        (2, 8),
        "S4",
        [cost("Per session", 3.5, "£3.50 per child")],
        one("Mondays, 3:45pm to 4:45pm", "MO", "15:45", "16:45"),
        [("Session leader", "M", None)],
        "hello.sensoryhub",
        True,
        "active",
        "Lively after-school music and messy play sessions for young children who communicate in different ways. Sessions "
        "use songs with signing, simple instruments and play with sand, water and paint. Children are welcome to move "
        "around, make noise and leave the room when they need to.",
    ),
    (
        "sensory-equipment-loan",
        "Sensory Equipment Loan Library",
        13,
        ["health", "social-care"],
        ["pd", "asd"],
        (0, 25),
        "S1",
        [
            cost("Free", 0, "No charge for families with a short breaks plan"),
            cost("Deposit", 10, "£10 refundable deposit for larger items"),
        ],
        one("Tuesdays, Thursdays and Saturdays, 10am to 3pm", "TU,TH,SA", "10:00", "15:00"),
        [("Loans desk", "N", "loans.sensoryhub")],
        "loans.sensoryhub",
        True,
        "active",
        "A loan library of sensory and play equipment, including weighted lap pads, ear defenders, light-up toys, adapted "
        "scissors and specialist trikes. Families can borrow items for four weeks to see what works before buying. A small "
        "refundable deposit is taken for larger items.",
    ),
    (
        "music-therapy",
        "Music Therapy for Children and Young People",
        13,
        ["health"],
        ["slcn", "semh"],
        (3, 19),
        "S1",
        [cost("Per session", 45, "£45 per session in blocks of ten; first meeting free")],
        None,
        [("Music therapist", None, "musictherapy")],
        "musictherapy",
        True,
        "active",
        "One-to-one and small group music therapy with a qualified music therapist for children and young people with "
        "communication, emotional or developmental needs. Sessions use improvised music to build interaction, "
        "self-expression and confidence. Therapy runs in blocks of ten sessions, after a free first meeting with parents.",
    ),
    (
        "adapted-swimming-lessons",
        "Adapted Swimming Lessons",
        14,
        ["health"],
        ["pd", "asd"],
        (4, 16),
        "S2",
        [cost("Per block", 60, "£60 for a block of eight lessons (£7.50 per lesson)")],
        one("Saturdays and Sundays, 8am to 10am", "SA,SU", "08:00", "10:00"),
        [("Swim school office", "N", "swimschool")],
        "swimschool",
        True,
        "active",
        "<p>Small-group and one-to-one swimming lessons for children with disabilities or additional needs, taught by "
        "instructors with extra training.</p><ul><li>Pool hoist and warm water</li><li>Accessible changing rooms</li>"
        "<li>Lessons at quieter times of day</li></ul><p>Lessons are paid for in blocks of eight. Ask about concessions for carers.</p>",
    ),
    (
        "inclusive-trampolining",
        "Inclusive Trampolining",
        14,
        ["health"],
        ["pd", "ld"],
        (5, 19),
        "O3",
        [cost("Per session", 6, "£6 per session")],
        one("Thursdays, 4:30pm to 6pm", "TH", "16:30", "18:00"),
        [("Leisure centre reception", "N", None)],
        "trampolining",
        True,
        "active",
        "Trampolining sessions adapted for children and young people with physical disabilities, learning disabilities and "
        "sensory needs. Coaches use harnesses and rebound therapy techniques where appropriate, and groups are kept small. "
        "A short health questionnaire is completed before the first session.",
    ),
    (
        "wheelchair-sports-club",
        "Junior Wheelchair Sports Club",
        14,
        ["health", "social-care"],
        ["pd"],
        (8, 25),
        "N4",
        [cost("Per session", 3, "£3 per session; sports chair loan included")],
        one("Sundays, 2pm to 4pm", "SU", "14:00", "16:00"),
        [("Head coach", "M", None)],
        "wheelchairsports",
        True,
        "active",
        "A multi-sports club for young wheelchair users and young people with limited mobility, offering wheelchair "
        "basketball, boccia, table tennis and more. Sports chairs are available to borrow, so you do not need your own. "
        "Beginners are very welcome, and parents can come and watch before signing up.",
    ),
    (
        "college-foundation-learning",
        "Foundation Learning at Northgate College",
        15,
        ["education"],
        ["ld"],
        (16, 25),
        "N2",
        FREE,
        "office830",
        [("Learning support team", "L", "learningsupport")],
        "admissions.northgate",
        True,
        "active",
        "Full-time study programmes for students aged 16 to 25 with learning difficulties or disabilities, focusing on "
        "independence, communication, work skills, English and maths. Students have a personal tutor and access to learning "
        "support assistants and therapists where their plan requires it. Apply through admissions; the learning support "
        "team can arrange a visit first.",
    ),
    (
        "college-transition-programme",
        "Moving on to College Transition Programme",
        15,
        ["education"],
        ["asd", "semh"],
        (13, 16),
        "N2",
        FREE,
        "office",
        [("Transition coordinator", "L", "transition.northgate")],
        "transition.northgate",
        True,
        "active",
        "A transition programme for pupils in Years 9 to 11 with special educational needs who are thinking about going to "
        "college. It includes taster days, a summer bridging week and a named contact who can attend annual reviews when "
        "invited. Schools, parents and young people can all get in touch.",
    ),
    (
        "supported-internships",
        "Supported Internships",
        16,
        ["education"],
        ["ld", "asd"],
        (16, 24),
        "E3",
        FREE,
        "office",
        [("Internship coordinator", "L", "internships")],
        "internships",
        True,
        "active",
        "<p>One-year unpaid internships with local employers for young people aged 16 to 24 with an education, health and "
        "care plan.</p><p>Interns spend most of the week at work with a <strong>job coach</strong> and the rest studying in a "
        "small group. The aim is paid employment at the end, and travel costs can be covered.</p><p>Ask your school or "
        "college, or contact the team directly.</p>",
    ),
    (
        "independent-travel-training",
        "Independent Travel Training",
        16,
        ["education", "social-care"],
        ["ld"],
        (11, 25),
        "Northgate",
        FREE,
        None,
        [("Travel training team", "L", None)],
        "traveltraining",
        True,
        "active",
        "Practical one-to-one training to help young people with special educational needs learn to travel independently, "
        "for example to school, college or work. A trainer plans the route with the young person, travels alongside them "
        "at first and gradually steps back. Referrals are accepted from families, schools and the home-to-school transport team.",
    ),
    (
        "job-coaching",
        "Job Coaching for Young Adults",
        16,
        ["education"],
        ["ld", "asd", "semh"],
        (16, 25),
        "E3",
        FREE,
        "office",
        [("Job coach team", "L", None), ("Employer enquiries", None, "employers")],
        "jobcoaching",
        True,
        "active",
        "Job coaches help young people aged 16 to 25 with learning disabilities, autism or mental health needs to find and "
        "keep paid work. Support includes writing a CV, practising interviews, learning the journey to work and help in the "
        "job for the first few months. Young people can refer themselves or be referred by a college or social worker.",
    ),
    (
        "preparing-for-adulthood",
        "Preparing for Adulthood Advice",
        1,
        ["social-care", "education"],
        [],
        (14, 25),
        "N4",
        FREE,
        one("Mondays and Thursdays, 10am to 3pm (drop-in)", "MO,TH", "10:00", "15:00"),
        [("Transitions adviser", "L", None)],
        "pfa",
        True,
        "active",
        "Information and guidance for young people aged 14 to 25 and their families on moving into adulthood, covering "
        "education and training, work, independent living, health and friendships. Advisers can explain the move from "
        "children's to adult social care and help you prepare for the Year 9 annual review. Drop in or call to book an appointment.",
    ),
    (
        "ehc-assessment-enquiries",
        "EHC Needs Assessment and Plan Enquiries",
        1,
        ["education"],
        [],
        (0, 25),
        "O1",
        FREE,
        "office",
        [("SEND casework duty line", "L", "send.casework")],
        "send.casework",
        True,
        "active",
        "The SEND casework team manages requests for education, health and care needs assessments and looks after EHC "
        "plans across Brookvale. Parents and young people can request an assessment themselves in writing. Contact your "
        "named caseworker about an existing plan, or the duty line if you do not know who your caseworker is.",
    ),
    (
        "send-information-advice-support",
        "SEND Information, Advice and Support",
        10,
        ["education"],
        [],
        (0, 25),
        "R3",
        FREE,
        "helpline",
        [("Helpline", "N", "helpline.sendias")],
        "sendias",
        True,
        "active",
        "<p>A free, confidential and impartial service for parents, carers, children and young people up to 25.</p>"
        "<p>We can help with:</p><ul><li>understanding SEND law and guidance</li><li>exclusions and part-time "
        "timetables</li><li>EHC needs assessments, plans and reviews</li><li>preparing for mediation or tribunal</li></ul>"
        "<p>Call the helpline or email us.</p>",
    ),
    (
        "adapted-riding",
        "Adapted Riding Lessons",
        26,
        ["health"],
        ["pd", "ld"],
        (4, 18),
        "W5",
        [cost("Per lesson", 22, "£22 per 30-minute lesson")],
        one("Wednesdays and Saturdays, 9am to 12:30pm", "WE,SA", "09:00", "12:30"),
        [("Yard office", "N", None)],
        None,
        True,
        "active",
        "Adapted riding lessons on calm, well-schooled ponies for children with physical, learning or sensory needs. "
        "Lessons are led by an experienced instructor with volunteers walking alongside, and a ramp and mounting block make "
        "access easier. Children have a short assessment session before joining a regular weekly slot.",
    ),
    (
        "parent-carer-forum-coffee-mornings",
        "Parent Carer Forum Coffee Mornings",
        9,
        ["social-care"],
        [],
        (0, 25),
        "N4",
        [
            cost("Free", 0, "Free to attend"),
            cost("Suggested donation", 1, "£1 suggested donation for refreshments"),
        ],
        one(
            "First Wednesday of each month, 10am to 12 noon",
            "1WE",
            "10:00",
            "12:00",
            freq="MONTHLY",
        ),
        [("Forum coordinator", "N", "coordinator.pcf")],
        "pcf",
        True,
        "active",
        "An independent group run by parents and carers of children and young people with SEND. Monthly coffee mornings "
        "are a chance to meet others who understand, hear from visiting services and share your views so the forum can "
        "pass them on to the council and health services. Just turn up; children under five are welcome.",
    ),
    (
        "understanding-autism-course",
        "Understanding Autism Course for Parents",
        9,
        ["education"],
        ["asd"],
        (2, 18),
        "R3",
        [
            cost("Per course", 20, "£20 for the six-week course"),
            cost("Free place", 0, "Free for families on a low income"),
        ],
        one("Tuesdays, 9:30am to 12 noon, during each course", "TU", "09:30", "12:00"),
        [("Course bookings", "N", None)],
        "courses.pcf",
        True,
        "active",
        "<p><strong>Understanding Autism</strong> is a six-week course for parents and carers of autistic children aged 2 "
        "to 18, with or without a diagnosis.</p><p>Sessions cover communication, sensory differences, anxiety and coping "
        "with change, and are run jointly by a parent carer and a specialist teacher. Free places are available for "
        "families on a low income.</p>",
    ),
    (
        "dads-and-male-carers",
        "Dads and Male Carers Group",
        9,
        ["social-care"],
        [],
        (0, 25),
        "N4",
        [cost("Per meeting", 3, "£3 towards food")],
        one("Third Thursday of each month, 7pm to 9pm", "3TH", "19:00", "21:00", freq="MONTHLY"),
        [("Group organiser", "M", None)],
        "dads.pcf",
        False,
        "active",
        "A monthly evening get-together for dads, grandads and male carers of children with additional needs. Meetings are "
        "relaxed and include food, with occasional guest speakers on topics such as benefits, wills and trusts. A small "
        "charge covers the cost of food.",
    ),
    (
        "sibling-circle-juniors",
        "Sibling Circle Juniors",
        22,
        ["social-care"],
        ["breaks"],
        (8, 12),
        "S4",
        [cost("Per session", 2, "£2 per session"), cost("Free", 0, "Free if cost is a barrier")],
        one("Alternate Wednesdays, 4pm to 6pm", "WE", "16:00", "18:00", interval=2),
        [("Group leader", "N", None)],
        "siblingcircle",
        False,
        "active",
        "A fortnightly group for brothers and sisters aged 8 to 12 of children with a disability or long-term condition. "
        "Young siblings get time for themselves, make friends who understand, and take part in games, crafts and trips. A "
        "small contribution is asked for each session, but no child will be turned away.",
    ),
    (
        "sibling-circle-teens",
        "Sibling Circle Teens",
        22,
        ["social-care"],
        ["semh", "breaks"],
        (13, 18),
        "E3",
        [cost("Per session", 2, "£2 per session"), cost("Free", 0, "Free if cost is a barrier")],
        one("Mondays, 6pm to 8pm", "MO", "18:00", "20:00"),
        [("Young carers worker", "N", "teens.siblingcircle")],
        "siblingcircle",
        True,
        "active",
        "A group for teenagers aged 13 to 18 who spend a lot of time helping to care for a disabled brother or sister. "
        "Sessions mix social activities with chances to talk about stress, school and the future. A worker can help "
        "members ask for a young carer's assessment.",
    ),
    (
        "deaf-children-family-group",
        "Deaf Children's Family Group",
        20,
        ["social-care"],
        ["hi"],
        (0, 11),
        "R3",
        [cost("Annual membership", 10, "£10 per family per year")],
        one(
            "Second Saturday of each month, 10am to 12 noon",
            "2SA",
            "10:00",
            "12:00",
            freq="MONTHLY",
        ),
        [("Family officer", "N", "families.deafsociety")],
        "deafsociety",
        True,
        "active",
        "A monthly Saturday group for deaf children aged 0 to 11 and their families, whether children use sign language, "
        "spoken language or both. Children play and do crafts with deaf role models while parents chat and hear from "
        "visiting speakers. A small family membership fee helps cover costs.",
    ),
    (
        "deaf-youth-club",
        "Deaf Youth Club",
        20,
        ["social-care"],
        ["hi"],
        (11, 19),
        "W1",
        [cost("Per session", 1.5, "£1.50 per session")],
        one("Tuesdays, 6pm to 8:30pm", "TU", "18:00", "20:30"),
        [("Youth worker (text only)", "M", None)],
        "youth.deafsociety",
        True,
        "active",
        "A youth club for deaf and hard of hearing young people aged 11 to 19, run by youth workers who sign fluently. "
        "Activities include sports, film nights and residential trips. A hearing loop is fitted in the main room and radio "
        "aids can be connected for group activities.",
    ),
    (
        "family-sign-language-course",
        "Family Sign Language Course",
        20,
        ["education"],
        ["hi", "slcn"],
        (0, 25),
        "R4",
        [cost("Per course", 45, "£45 for ten weeks; £25 for each extra family member")],
        one("Wednesdays, 6:30pm to 8:30pm", "WE", "18:30", "20:30"),
        [("Course administrator", "N", "courses.deafsociety")],
        "courses.deafsociety",
        True,
        "active",
        "A ten-week beginners' sign language course for family members of deaf children, taught by a deaf tutor. The "
        "course uses everyday vocabulary, such as mealtimes, bedtime and feelings, so the whole family can communicate "
        "more easily at home. Children can attend with their parents, and fees are reduced for extra family members.",
    ),
    (
        "hearing-support-teachers",
        "Hearing Support Teachers",
        21,
        ["education"],
        ["hi"],
        (0, 19),
        "R4",
        FREE,
        "office830",
        [("Sensory support office", "L", None)],
        "hearing.support",
        True,
        "active",
        "Qualified teachers of the deaf support babies, children and young people with a hearing loss at home, in early "
        "years settings and in school. They check hearing equipment, advise staff on the listening environment and help "
        "families understand audiology reports. Referrals usually come from audiology after diagnosis, but families can "
        "also get in touch.",
    ),
    (
        "vision-support-habilitation",
        "Vision Support and Habilitation",
        21,
        ["education", "health"],
        ["vi"],
        (0, 19),
        "R4",
        FREE,
        "office830",
        [("Sensory support office", "L", None)],
        "vision.support",
        True,
        "active",
        "Qualified teachers of children with vision impairment and habilitation specialists support children from birth to "
        "19. They advise on large print, braille and technology, and teach mobility, orientation and independent living "
        "skills. Referrals usually come from eye clinics, but families and schools can also contact the team.",
    ),
    (
        "braille-and-tech-club",
        "Braille and Tech Club",
        21,
        ["education"],
        ["vi"],
        (8, 18),
        "E3",
        [cost("Per session", 3, "£3 per session")],
        one(
            "Alternate Saturdays in term time, 10am to 12 noon", "SA", "10:00", "12:00", interval=2
        ),
        [("Habilitation specialist", "L", None)],
        "vision.support",
        True,
        "active",
        "A Saturday club for young people with vision impairment to build confidence with braille, screen readers, "
        "magnification and smartphone accessibility settings. It is also a place to meet other young people with sight "
        "loss. Sessions run fortnightly in term time and are led by a habilitation specialist.",
    ),
    (
        "lanternlight-one-to-one",
        "One-to-one Tutoring for Additional Learning Needs",
        17,
        ["education"],
        ["ld", "asd"],
        (5, 16),
        "O4",
        [cost("Per hour", 38, "£38 per hour at the centre; £34 online")],
        "tuition",
        [("Tutoring office", "T", "office.lanternlight")],
        "office.lanternlight",
        True,
        "active",
        "Private one-to-one tutoring for children with additional learning needs, including dyslexia, autism and attention "
        "difficulties. Tutors use structured, multi-sensory methods and agree goals with parents at the start of each term. "
        "Sessions take place at our centre or online, and can sometimes be funded from a personal budget.",
    ),
    (
        "lanternlight-gcse-groups",
        "Small-group GCSE Preparation",
        17,
        ["education"],
        ["ld", "semh"],
        (14, 18),
        "O4",
        [cost("Per session", 18, "£18 per 90-minute group session")],
        one("Tuesdays, 4:30pm to 6pm", "TU", "16:30", "18:00"),
        [("Tutoring office", "T", None)],
        "office.lanternlight",
        True,
        "active",
        "Small groups of up to four students preparing for GCSE English and maths, for young people who need a calmer "
        "setting and more time to process information. Sessions focus on exam technique, study skills and managing exam "
        "stress. Access arrangements are discussed with each student's school.",
    ),
    (
        "dyslexia-diagnostic-assessment",
        "Dyslexia Diagnostic Assessment",
        18,
        ["education"],
        ["ld"],
        (7, 25),
        "O4",
        [cost("Per assessment", 475, "£475 including a full written report")],
        None,
        [("Assessment bookings", "T", "bookings.openpages")],
        "bookings.openpages",
        True,
        "active",
        "<p>A full diagnostic assessment for dyslexia, carried out by a <strong>specialist assessor with a current "
        "practising certificate</strong>.</p><p>The assessment takes around three hours, and you will receive a detailed "
        "written report with recommendations for school, college or university.</p><p>Reports can be used to support "
        "applications for exam access arrangements.</p>",
    ),
    (
        "maths-difficulties-assessment",
        "Dyscalculia and Maths Difficulties Assessment",
        18,
        ["education"],
        ["ld"],
        (7, 18),
        "O4",
        [cost("Per assessment", 295, "£295 including report and follow-up call")],
        None,
        [("Assessment bookings", "T", None)],
        "bookings.openpages",
        True,
        "active",
        "An assessment for children and young people who have ongoing difficulties with number and maths despite good "
        "teaching. The assessor looks at number sense, working memory and processing speed, and gives practical strategies "
        "for home and school. A follow-up phone call to talk through the report is included.",
    ),
    (
        "meadowbank-outreach",
        "Meadowbank Special School Outreach",
        25,
        ["education"],
        ["ld", "pd"],
        (4, 19),
        "W3",
        FREE,
        "office830",
        [("Outreach lead", "L", "outreach.meadowbank")],
        "outreach.meadowbank",
        True,
        "active",
        "Experienced staff from a special school offer advice and training to mainstream schools supporting pupils with "
        "complex learning or physical needs. Support can include classroom observations, help with moving and handling "
        "plans, and visits to see specialist practice in action. Requests come from schools; parents can ask their SENCo "
        "to make contact.",
    ),
    (
        "meadowbank-holiday-week",
        "Meadowbank Holiday Activity Week",
        25,
        ["social-care"],
        ["ld", "breaks"],
        (5, 19),
        "W3",
        [cost("Per day", 15, "£15 per day including lunch")],
        "holiday",
        [("School office", "L", None)],
        "holidays.meadowbank",
        True,
        "active",
        "A week of holiday activities at a special school for children and young people aged 5 to 19 with learning "
        "disabilities, with art, sensory gardening, cooking and a trip on the final day. Staff are familiar faces for many "
        "pupils, which helps children settle. Places are paid for by the day, and lunch is provided.",
    ),
    (
        "meadowbank-hydrotherapy",
        "Family Hydrotherapy Pool Sessions",
        25,
        ["health"],
        ["pd"],
        (0, 19),
        "W3",
        [cost("Per session", 12, "£12 per family per 45-minute session")],
        [
            ("Fridays, 4pm to 6pm", "WEEKLY", 1, "FR", "16:00", "18:00"),
            ("Saturdays, 9am to 12 noon", "WEEKLY", 1, "SA", "09:00", "12:00"),
        ],
        [("Pool bookings", "L", None)],
        "pool.meadowbank",
        True,
        "active",
        "Family sessions in a warm hydrotherapy pool with a ceiling hoist and level-access changing rooms. The pool is "
        "ideal for children with physical disabilities or complex needs who find the water relaxing. At least one adult "
        "must be in the pool with each child, and you can follow a physiotherapy programme if you have one.",
    ),
    (
        "early-help-family-support",
        "Early Help and Family Support",
        7,
        ["social-care"],
        ["semh"],
        (0, 18),
        "R1",
        FREE,
        "office",
        [("Early help duty worker", "L", "earlyhelp")],
        "earlyhelp",
        True,
        "active",
        "Family support workers help parents who are finding things hard, including with routines, behaviour, school "
        "attendance, money worries or relationships. Support is voluntary and is planned with the whole family using an "
        "early help assessment. Families can ask for help themselves or through a school, GP or health visitor.",
    ),
    (
        "toy-and-sensory-library",
        "Riverside Toy and Sensory Library",
        7,
        ["education"],
        ["ld"],
        (0, 8),
        "R1",
        [cost("Annual membership", 5, "£5 per year; loans are free")],
        one("Wednesdays and Fridays, 9:30am to 12:30pm", "WE,FR", "09:30", "12:30"),
        [("Toy library volunteer", "N", None)],
        "toylibrary",
        True,
        "active",
        "A toy library with sensory, cause-and-effect and developmental toys suitable for young children with additional "
        "needs, plus books and information for parents. Membership is low cost, and each item can be borrowed for up to "
        "three weeks. Staff are happy to suggest toys linked to your child's targets.",
    ),
    (
        "positive-steps-parenting",
        "Positive Steps Parenting Course",
        7,
        ["social-care"],
        ["semh", "asd"],
        (2, 12),
        "S4",
        [
            cost("Free", 0, "Free when referred by a family support worker"),
            cost("Per course", 15, "£15 for self-referrals"),
        ],
        one("Thursdays, 9:30am to 11:30am", "TH", "09:30", "11:30"),
        [("Course bookings", "L", None)],
        "parenting",
        True,
        "active",
        "An eight-week group course for parents of children aged 2 to 12 with additional needs or behaviour that "
        "challenges. It covers understanding behaviour, building routines, play, and looking after yourself as a parent. "
        "A creche may be available, so please ask when booking.",
    ),
    (
        "eastfield-saturday-drama",
        "Eastfield Saturday Drama Group",
        12,
        ["social-care"],
        ["slcn"],
        (8, 16),
        "E3",
        [cost("Per term", 40, "£40 per term")],
        "saturday",
        [("Group leader", "M", None)],
        "drama.eastfield",
        False,
        "inactive",
        "A Saturday drama and performance group for children with speech, language and communication needs. The group is "
        "paused while a new venue is found. Please contact the organisers to join the waiting list for when sessions restart.",
    ),
    (
        "summer-play-scheme-2025",
        "Southmere Summer Play Scheme 2025",
        11,
        ["social-care"],
        ["breaks", "pd"],
        (5, 16),
        "S4",
        [cost("Per day", 25, "£25 per day")],
        "holiday",
        [("Club bookings", "N", None)],
        "bookings.kingfisher",
        True,
        "defunct",
        "A summer play scheme for disabled children that ran in Southmere during the 2025 school holidays. The scheme has "
        "closed and has been replaced by the Kingfisher Lane Holiday Play Scheme. This listing is kept for reference only.",
    ),
    (
        "oldmarket-autism-drop-in",
        "Oldmarket Autism Parents' Drop-in",
        9,
        ["social-care"],
        ["asd"],
        (0, 18),
        "O2",
        [cost("Per family", 1, "£1 per family towards refreshments")],
        one("Mondays, 10am to 12 noon", "MO", "10:00", "12:00"),
        [("Volunteer organiser", "M", None)],
        "dropin.pcf",
        False,
        "inactive",
        "A weekly drop-in for parents and carers of autistic children, run by volunteers. The drop-in is not running at the "
        "moment because of a shortage of volunteers. The parent carer forum can suggest other groups to try in the meantime.",
    ),
]


def build() -> dict:
    counters: dict[str, int] = {}

    def next_id(kind: str) -> str:
        counters[kind] = counters.get(kind, 0) + 1
        return f"demo-{kind}-{counters[kind]:03d}"

    phone_seq: dict[str, int] = {}

    def next_phone(kind: str) -> str:
        n = phone_seq.get(kind, 0)
        phone_seq[kind] = n + 1
        return PHONE_PREFIX[kind] + f"{(PHONE_START[kind] + 37 * n) % 1000:03d}"

    venue_keys = list(VENUES)
    contents = []
    for i, row in enumerate(SERVICES, 1):
        (
            slug,
            name,
            org,
            cats,
            needs,
            (min_age, max_age),
            place,
            costs,
            sched,
            contacts,
            mail,
            has_url,
            status,
            desc,
        ) = row
        svc_id = f"demo-svc-{i:03d}"
        service = {
            "id": svc_id,
            "name": name,
            "description": desc,
            "status": status,
        }
        if has_url:
            service["url"] = f"https://example.org/brookvale/{slug}"
        if mail:
            service["email"] = f"{mail}@example.org"
        service["minimum_age"] = min_age
        service["maximum_age"] = max_age
        month = 1 + (i * 7) % 10
        day = 1 + (i * 11) % 28
        service["last_modified"] = (
            f"2026-{month:02d}-{day:02d}T{8 + (i * 5) % 10:02d}:{(i * 13) % 60:02d}:{(i * 29) % 60:02d}Z"
        )
        service["organization"] = {"id": f"demo-org-{org:02d}", "name": ORGS[org - 1]}

        service["contacts"] = []
        for cname, kind, cmail in contacts:
            contact = {"id": next_id("con"), "name": cname}
            if cmail:
                contact["email"] = f"{cmail}@example.org"
            contact["phones"] = [{"id": next_id("ph"), "number": next_phone(kind)}] if kind else []
            service["contacts"].append(contact)
        for label, kind, extension in extras.EXTRA_PHONES.get(slug, []):
            extra = {"id": next_id("phx"), "number": PHONE_PREFIX[kind] + f"{950 + counters['phx']:03d}"}
            extra["description"] = label
            if extension:
                extra["extension"] = extension
            service["contacts"][0]["phones"].append(extra)

        entries = SCHED[sched] if isinstance(sched, str) else (sched or [])
        service["schedules"] = [
            {
                "id": next_id("sch"),
                "description": sdesc,
                "freq": freq,
                **({"interval": interval} if interval != 1 else {}),
                "byday": byday,
                "opens_at": opens,
                "closes_at": closes,
            }
            for sdesc, freq, interval, byday, opens, closes in entries
        ]

        if place in VENUES and slug in extras.MASKED:
            # The meeting place is given only to families who get in touch: like Outpost's
            # serialiser, the feed sends the town and the postcode district alone.
            _, _, district, postcode, _, _ = VENUES[place]
            service["service_areas"] = [{"id": next_id("area"), "name": district}]
            service["service_at_locations"] = [
                {
                    "id": next_id("sal"),
                    "location": {
                        "id": f"demo-loc-private-{i:03d}",
                        "location_type": "physical",
                        "mask_exact_address": True,
                        "addresses": [
                            {
                                "id": f"demo-addr-private-{i:03d}",
                                "city": "Brookvale",
                                "postal_code": postcode.split()[0],
                                "country": "GB",
                                "address_type": "physical",
                            }
                        ],
                    },
                }
            ]
        elif place in VENUES:
            vname, addr1, district, postcode, lat, lon = VENUES[place]
            n = venue_keys.index(place) + 1
            service["service_areas"] = [{"id": next_id("area"), "name": district}]
            service["service_at_locations"] = [
                {
                    "id": next_id("sal"),
                    "location": {
                        "id": f"demo-loc-{n:02d}",
                        "location_type": "physical",
                        "name": vname,
                        "latitude": lat,
                        "longitude": lon,
                        "addresses": [
                            {
                                "id": f"demo-addr-{n:02d}",
                                "address_1": addr1,
                                "city": "Brookvale",
                                "postal_code": postcode,
                                "country": "GB",
                                "address_type": "physical",
                            }
                        ],
                    },
                }
            ]
            if place in extras.VENUE_ACCESS:
                service["service_at_locations"][0]["location"]["accessibility"] = [
                    {"id": f"demo-acc-{place.lower()}-{k}", "description": feature}
                    for k, feature in enumerate(extras.VENUE_ACCESS[place], 1)
                ]
        else:
            assert place in AREAS, place
            service["service_areas"] = [{"id": next_id("area"), "name": place}]
            service["service_at_locations"] = []

        service["cost_options"] = [
            {
                "id": next_id("cost"),
                "option": opt,
                "amount": amount,
                "currency": "GBP",
                "amount_description": text,
            }
            for opt, amount, text in extras.COSTS_WITH_UNITS.get(slug, costs)
        ]

        attributes = []
        cats = cats + [c for c, slugs in extras.MORE_CATEGORIES.items() if slug in slugs]
        for code in cats:
            attributes.append(
                {
                    "id": next_id("attr"),
                    "taxonomy_term": {
                        "id": f"cat-{code}",
                        "code": code,
                        "name": CATEGORIES[code],
                        "taxonomy": "send-desk-category",
                    },
                }
            )
        for code in needs:
            attributes.append(
                {
                    "id": next_id("attr"),
                    "taxonomy_term": {
                        "id": f"need-{code}",
                        "code": code,
                        "name": NEEDS[code],
                        "taxonomy": "send-needs",
                    },
                }
            )
        service["attributes"] = attributes
        if slug in extras.LANGUAGES:
            service["languages"] = [
                {"id": f"demo-lang-{i:03d}-{k}", "name": name}
                for k, name in enumerate(extras.LANGUAGES[slug], 1)
            ]
        if slug in extras.ALERTS:
            service["alert"] = extras.ALERTS[slug]
        if i % 4 == 0:  # a person checked a quarter of the records (HSDS 3.0 assured_date)
            service["assured_date"] = f"2026-{1 + (i * 3) % 10:02d}-{1 + (i * 7) % 27:02d}"
        if slug in extras.SEND_STATEMENTS:
            statement, answers = extras.SEND_STATEMENTS[slug]
            service["local_offer"] = {
                "description": statement,
                "link": f"https://example.org/brookvale/{slug}/send-statement",
                "survey_answers": [{"question": q, "answer": a} for q, a in answers],
            }
        contents.append(service)

    total = len(contents)
    return {
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": True,
        "last_page": True,
        "empty": total == 0,
        "contents": contents,
    }


def main() -> None:
    data = build()
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False, sort_keys=False)
        fh.write("\n")
    print(f"wrote {OUT} ({data['total_items']} services)")


if __name__ == "__main__":
    main()
