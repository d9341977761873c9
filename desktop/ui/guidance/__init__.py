"""The Disagreement guidance tab, a package of its own: the tab with its sections
(``tab``), the route finder (``route_panel``, its advice as HTML in ``route_html``), the
family handout (``handout``), the deadline calculator (``deadline_panel``) and the date
field both use (``date_field``). Only the tab is imported here: the route finder and the
calculator load when first shown (tests/test_architecture.py keeps them out of the start).
"""

from desktop.ui.guidance.tab import GuidanceTab

__all__ = ["GuidanceTab"]
