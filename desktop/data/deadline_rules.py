"""Every deadline rule the calculator, the route finder and ``send-desk deadline`` know, by id,
in the order the calculator lists them (grouped by :class:`Group`).

The rules are data in :mod:`rules_tribunal`, :mod:`rules_council` and :mod:`rules_complaints`
(period, unit, the start date to ask for, a plain explanation, caveats and the citation);
the arithmetic lives in :mod:`desktop.data.deadlines`.
"""

from __future__ import annotations

from desktop.data import rules_complaints, rules_council, rules_tribunal
from desktop.data.rule_types import Counting, Group, OnNonWorkingDay, Rule, Unit

__all__ = ["GROUPS", "RULES", "Counting", "Group", "OnNonWorkingDay", "Rule", "Unit"]

_ALL = (*rules_tribunal.RULES, *rules_council.RULES, *rules_complaints.RULES)
_ORDER = list(Group)

RULES: dict[str, Rule] = {
    r.id: r
    for r in sorted(_ALL, key=lambda r: _ORDER.index(r.group))  # stable within a group
}
if len(RULES) != len(_ALL):  # pragma: no cover - a data mistake, caught by the tests at once
    raise RuntimeError("two deadline rules share an id")

GROUPS: dict[Group, list[Rule]] = {g: [r for r in RULES.values() if r.group is g] for g in Group}
