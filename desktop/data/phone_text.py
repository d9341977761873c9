"""Reading a phone field as people write it: which runs of digits are numbers, and what is
written around them (labels, extensions, menu options). Pure regex work: no validation and
no ``phonenumbers``, so the UI can split a stored number at start-up for free.

'Youth line: 0121 496 0117 ext 303 (option 2) or Text 07700 900123' →
[Written('0121 496 0117', extension='303', option='2', label='Youth line'),
 Written('07700 900123', label='Text')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.data.text import clean_text

MIN_DIGITS = 7  # fewer is a short code ('111', '116 123'), a room or a time, not a number
MAX_LABEL = 80
MAX_FIELD = 1_000  # characters of one field that are read (a phone field is not an essay)
MAX_NUMBERS = 20  # numbers kept from one field
_LABEL_WINDOW = 200  # only the words just before a number can be its label

# A run of digits as numbers are written: '0121 496 0123', '0121-496-0123', '(0121) 496 0123',
# '+44 (0)121 496 0123', '0044 121 496 0123'. Each step starts with a different character,
# so the scan never backtracks; spaces around a dash or slash end the run ('… - …', '… / …').
_RUN = re.compile(r"\+?\(?\d(?:\d|[ .\-]\(?(?=\d)|\)[ .\-]?(?=\d)|\((?=\d))*\)?")
_EXT = re.compile(
    r"[ \t]*[,;]?[ \t]*\(?[ \t]*(?:ext(?:ension|n)?|x|ex)\.?[ \t]*[:#.]?[ \t]*(\d{1,6})\b[ \t]*\)?",
    re.I,
)
_OPTION = re.compile(
    r"[ \t]*[,;]?[ \t]*\(?[ \t]*(?:then[ \t]+)?(?:option|opt\.?|press)[ \t]*(\d(?:[ \t]*(?:,|then|and|,[ \t]*then)[ \t]*\d)*)\b[ \t]*\)?",
    re.I,
)
_SEPARATOR = re.compile(r"[ .\-]")
_OPTION_JOIN = re.compile(r"\s*(?:,\s*then|,|then|and)\s*", re.I)
_NOTE = re.compile(r"[ \t]*\(([^()\n]{1,40})\)")  # '(office)' written straight after a number
_EXTENSION_FIELD = re.compile(r"(?i)^(?:(?:ext(?:ension|n)?|x)\.?\s*[:#]?\s*)?(\d{1,6})$")
_EDGE = "\t\n ,;:/|-–—()[]{}\"'“”‘’*•.!?"
_LEADING_JOIN = re.compile(r"(?i)^(?:or|and|also|alternatively|then|else)\b\s*")
# Words that say "this is a phone number" and nothing more: not a label.
_NOISE = re.compile(
    r"(?i)^(?:(?:tel|telephone|phone|ph|t|call|ring|dial|contact|number|no|nos|num|us|on"
    r"|our|main|line|helpline number|phone number|tel no|or|and)\b[\s.:#/-]*)+$"
)
_TRAILING_NOISE = re.compile(
    r"(?i)(?:\b(?:tel|telephone|phone|call us on|call us|call|ring us on|ring|dial|on|number"
    r"|no|is)\b[\s.:#/-]*)+$"
)


@dataclass(frozen=True)
class Written:
    number: str  # the run of digits exactly as written: '020 7946 0420', '305-253-4841'
    extension: str = ""  # digits only
    option: str = ""  # a menu option: '2', '2 then 1'
    label: str = ""  # 'Youth line', 'Text'
    short: bool = False  # fewer than MIN_DIGITS digits: a short code at best ('116 123')


@dataclass(frozen=True)
class Reading:
    numbers: tuple[Written, ...]
    leftover: str = ""  # text after the last number that is no part of any number
    cut: bool = False  # the field was longer than MAX_FIELD or held more than MAX_NUMBERS


# Only a joining word between two numbers: the second keeps the first one's label.
_CONNECTOR = re.compile(r"(?i)[\s,;/&]*(?:or|and)?[\s,;/&]*")


def read_field(raw: str) -> Reading:
    """Every number written in one phone field, with what is written around each."""
    text = clean_text(raw[: MAX_FIELD * 2])[:MAX_FIELD].replace("\n", " ; ")
    cut = len(raw) > MAX_FIELD and len(clean_text(raw[: MAX_FIELD + 1])) > MAX_FIELD
    runs = list(_RUN.finditer(text))
    full = [m for m in runs if _digits(m.group()) >= MIN_DIGITS]
    if not full:
        shorts = [m for m in runs if 3 <= _digits(m.group()) < MIN_DIGITS]
        if len(shorts) != 1:
            return Reading((), cut=cut)
        run = shorts[0]
        label = _label(text[: run.start()])
        return Reading((Written(run.group().strip("()"), label=label, short=True),), cut=cut)
    found: list[Written] = []
    pos = 0
    previous = ""
    for run in full:
        if run.start() < pos:
            continue  # the digits of an extension or option already read
        prefix = text[pos : run.start()]
        end = run.end()
        extension = option = ""
        if m := _EXT.match(text, end):
            extension, end = m.group(1), m.end()
        if m := _OPTION.match(text, end):
            option, end = _OPTION_JOIN.sub(" then ", m.group(1)), m.end()
            if not extension and (m := _EXT.match(text, end)):
                extension, end = m.group(1), m.end()
        label = _label(prefix)
        if not label and _CONNECTOR.fullmatch(prefix):
            label = previous  # 'Youth line: 0121 … or 0121 …': both are the youth line
        previous = label
        if m := _NOTE.match(text, end):
            note = _label(m.group(1))
            if note:
                label = f"{label} ({note})" if label else note
            end = m.end()
        *others, last = _split_run(run.group())
        found += [Written(number, label=label) for number in others]
        found.append(Written(last, extension, option, label))  # what follows is the last's
        pos = end
        if len(found) >= MAX_NUMBERS:
            return Reading(tuple(found[:MAX_NUMBERS]), cut=True)
    leftover = text[pos:].strip(_EDGE)
    return Reading(tuple(found), leftover if any(c.isalnum() for c in leftover) else "", cut)


def extension_field(value: str) -> str | None:
    """An ``extension`` field's digits ('12', 'ext. 12' → '12'); '' when empty; None when it
    holds anything else (the field is then dropped, not appended: review F7)."""
    text = clean_text(value)
    if not text:
        return ""
    match = _EXTENSION_FIELD.match(text)
    return match.group(1) if match else None


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _label(prefix: str) -> str:
    """The words before a number, less separators and "call us on"-style noise."""
    text = prefix[-_LABEL_WINDOW:].strip(_EDGE)
    text = _LEADING_JOIN.sub("", text).strip(_EDGE)
    text = _TRAILING_NOISE.sub("", text).strip(_EDGE)
    if not text or _NOISE.match(text):
        return ""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _split_run(run: str) -> list[str]:
    """Two numbers written with only a space between them ('0121 496 0123 0121 496 0124')
    are one run of digits: split it where the next number starts, else keep it whole."""
    pieces: list[str] = []
    run = run.strip()
    while _digits(run) > 15 and len(pieces) < MAX_NUMBERS:
        split = _split_point(run)
        if split is None:
            break
        head, run = split
        pieces.append(head)
    return [*pieces, run]


def _split_point(run: str) -> tuple[str, str] | None:
    for sep in _SEPARATOR.finditer(run):
        head, tail = run[: sep.start()], run[sep.end() :]
        digits = _digits(head)
        if digits > 15:
            return None
        if digits >= 10 and tail[:1] in "0+(" and _digits(tail) >= MIN_DIGITS:
            return head, tail
    return None
