"""More fields for the fictional Brookvale Local Offer, so the demo shows what real feeds carry.

Read by make_demo.py. Every name, statement and venue here is made up; phone numbers
come from make_demo's Ofcom drama ranges and web addresses use example.org.

- the categories real Local Offers use beyond education, health and social care;
- providers' own SEND statements (the Local Offer questions, answered in their words);
- second phone numbers with labels and extensions;
- accessibility features of venues, languages, alerts, assured dates;
- two services whose meeting place is not published (only the postcode district).
"""

from __future__ import annotations

# More categories per service slug (the app's seven; make_demo names them).
MORE_CATEGORIES = {
    "childcare": [
        "early-years-send-inclusion", "portage", "little-wrens-nursery",
        "little-wrens-sensory-stay-and-play", "riverside-additional-needs-stay-and-play",
        "baby-toddler-sensory-group", "music-and-messy-play", "toy-and-sensory-library",
    ],
    "short-breaks": [
        "short-breaks-assessment", "kingfisher-after-school-club", "kingfisher-saturday-club",
        "kingfisher-holiday-play-scheme", "willowbeck-overnight-breaks",
        "willowbeck-weekend-day-breaks", "westbrook-inclusive-youth-club", "friday-friends",
        "outdoor-adventure-group", "southmere-sensory-room", "adapted-swimming-lessons",
        "inclusive-trampolining", "wheelchair-sports-club", "adapted-riding", "deaf-youth-club",
        "braille-and-tech-club", "meadowbank-holiday-week",
    ],
    "adulthood": [
        "college-foundation-learning", "college-transition-programme", "supported-internships",
        "independent-travel-training", "job-coaching", "preparing-for-adulthood",
    ],
    "family-support": [
        "direct-payments-advice", "personal-budget-support", "ehc-assessment-enquiries",
        "send-information-advice-support", "parent-carer-forum-coffee-mornings",
        "understanding-autism-course", "dads-and-male-carers", "sibling-circle-juniors",
        "sibling-circle-teens", "deaf-children-family-group", "family-sign-language-course",
        "early-help-family-support", "positive-steps-parenting",
    ],
}  # fmt: skip

# The questions Local Offer providers answer about their SEND support.
Q_OUTCOMES = "What outcomes does your service aim to achieve for children and young people with SEND?"
Q_TRAINING = "What SEND training have your staff had recently?"
Q_PARENTS = "How do you involve parents and carers?"
Q_ACCESS = "How accessible is the environment, indoors and outdoors?"
Q_START = "How can a family start to use your service?"

# slug → (the provider's SEND statement, [(question, answer)])
SEND_STATEMENTS = {
    "little-wrens-nursery": (
        "Every child with additional needs has a key person and a support plan written with "
        "their parents. We use simple signing all day and visual timetables in every room.",
        [
            (Q_TRAINING, "All room leaders hold a level 3 SEND qualification; two staff are trained in intensive interaction."),
            (Q_ACCESS, "Ground floor only, level access, an accessible toilet and a small sensory room."),
            (Q_START, "Visit us with your child first. We meet any therapists involved before your child starts."),
        ],
    ),
    "kingfisher-holiday-play-scheme": (
        "Staff ratios are set for each child after a home visit, from one to one for children "
        "who need it. Personal care and medication are given by trained staff.",
        [
            (Q_OUTCOMES, "Children make friends, try new activities and have fun while parents get a break."),
            (Q_ACCESS, "Hoist, changing bench, quiet room and an accessible minibus for trips."),
            (Q_PARENTS, "A named key worker phones you after the first day and at the end of each week."),
        ],
    ),
    "adapted-swimming-lessons": (
        "Lessons are taught by coaches with a disability swimming qualification, in a warm "
        "pool with a hoist and a Changing Places toilet.",
        [(Q_START, "Book a free trial session; we talk through your child's needs before it.")],
    ),
    "westbrook-inclusive-youth-club": (
        "A youth club where young people with and without SEND meet as equals; support "
        "workers are on hand but stay in the background.",
        [
            (Q_TRAINING, "Youth workers have autism awareness and de-escalation training every year."),
            (Q_PARENTS, "Parents can stay for the first sessions and are sent a short monthly update."),
        ],
    ),
    "college-transition-programme": (
        "Each student has a transition plan linked to their EHC plan outcomes, reviewed with "
        "the student and their family every term.",
        [
            (Q_OUTCOMES, "Students move on to a college course, an apprenticeship or supported employment."),
            (Q_START, "Ask for a visit day through your school's SENCO or contact the transition team."),
        ],
    ),
    "supported-internships": (
        "Interns spend most of the week at a local employer with a job coach, and one day in "
        "college working on English, maths and travel.",
        [(Q_OUTCOMES, "Paid work at the end of the year for as many interns as possible.")],
    ),
    "sensory-equipment-loan": (
        "Equipment is checked and cleaned between loans; an occupational therapist can visit "
        "to show you how to use it safely.",
        [],
    ),
    "autism-outreach-team": (
        "We support schools to understand each autistic pupil, with or without a diagnosis, "
        "and to make the reasonable adjustments that pupil needs.",
        [
            (Q_TRAINING, "Advisory teachers hold specialist autism qualifications and train school staff termly."),
            (Q_PARENTS, "We meet parents at the start and end of each involvement and share written advice."),
        ],
    ),
    "deaf-youth-club": (
        "Sessions are run in British Sign Language and spoken English, with deaf youth "
        "workers as role models.",
        [(Q_ACCESS, "Hearing loop in the main hall; good lighting for signing; visual fire alarms.")],
    ),
    "send-information-advice-support": (
        "Free, impartial and confidential advice about SEND for families, run at arm's length "
        "from the council.",
        [
            (Q_START, "Phone the helpline or send an e-mail; we reply within three working days."),
            (Q_PARENTS, "You decide how much help you want, from a single call to support at meetings."),
        ],
    ),
    "adapted-riding": (
        "Riding sessions are adapted to each rider, with ramps, hoists and leaders walking "
        "beside the pony.",
        [(Q_ACCESS, "Mounting ramp and hoist; the yard and arena are level.")],
    ),
    "positive-steps-parenting": (
        "The course is adapted for parents of children with SEND, and a creche with trained "
        "staff may be available.",
        [(Q_START, "Ask a family support worker to refer you, or book a self-referral place.")],
    ),
}

# slug → [(label, phone kind from make_demo.PHONE_PREFIX, extension or None)]: added to the
# service's first contact after its main number.
EXTRA_PHONES = {
    "evening-wellbeing-line": [("Text only", "M", None)],
    "deaf-youth-club": [("Textphone", "L", None)],
    "deaf-children-family-group": [("Textphone", "L", None)],
    "disabled-childrens-social-work": [("Out of hours", "L", None)],
    "send-information-advice-support": [("Helpline", "L", "214")],
    "kingfisher-holiday-play-scheme": [("Youth line", "N", None)],
    "ehc-assessment-enquiries": [("SEND casework team", "L", "3021")],
}

# Venue key (make_demo.VENUES) → accessibility features.
VENUE_ACCESS = {
    "S2": ["Changing Places toilet", "Hoist", "Level access"],
    "S1": ["Quiet room", "Level access", "Accessible toilet"],
    "S3": ["Hoist", "Accessible bedrooms", "Level access"],
    "E4": ["Hoist", "Changing bench", "Accessible minibus"],
    "W1": ["Hearing loop", "Accessible toilet"],
    "W3": ["Hydrotherapy pool hoist", "Level access"],
    "W5": ["Mounting ramp", "Hoist"],
    "N2": ["Lift to all floors", "Accessible toilet"],
    "R3": ["Hearing loop", "Level access"],
    "O1": ["Hearing loop", "Lift to all floors", "Accessible parking"],
}

# slug → languages the service is offered in.
LANGUAGES = {
    "send-information-advice-support": ["English", "Urdu", "Polish"],
    "family-sign-language-course": ["English", "British Sign Language"],
    "deaf-children-family-group": ["English", "British Sign Language"],
    "deaf-youth-club": ["British Sign Language", "English"],
    "early-help-family-support": ["English", "Punjabi", "Romanian"],
    "positive-steps-parenting": ["English", "Urdu"],
}

# slug → a notice the publisher wants read first.
ALERTS = {
    "kingfisher-holiday-play-scheme": "Summer places are full: you can join the waiting list.",
    "neurodevelopmental-clinic": "Waiting times for a first appointment are about 40 weeks.",
}

# Services whose meeting place is given only to families who get in touch.
MASKED = {"sibling-circle-teens", "dads-and-male-carers"}

# slug → cost options (option, amount, description) with the unit in the description, as
# HSDS 3.0 feeds write it (the reader takes "per day" as the unit).
COSTS_WITH_UNITS = {
    "kingfisher-holiday-play-scheme": [("Full day", 28, "per day"), ("Half day", 16.5, "per half day")],
    "lanternlight-one-to-one": [("One to one", 38, "per hour"), ("Small group", 18, "per hour")],
}
