"""The Local Offer tab, a package of its own: the tab (``tab``) over its filter bar
(``filters``), the results / details / shortlist panes and how they are arranged (``panes``,
``details``, ``shortlist``), the filter counts and the "Did you mean" suggestions on their
own threads (``facets_worker``, ``suggest_worker``; the suggestion button itself is shared with the guidance tab: ``desktop.ui.suggestion_bar``) and the *Nearest
first* row (``nearest_row``). Only the tab is exported here.
"""

from desktop.ui.local_offer.tab import LocalOfferTab

__all__ = ["LocalOfferTab"]
