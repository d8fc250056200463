"""The forms of the offer editor, one section of the 2018 form each, and the editors that bind them to an offer.

An *editor* (``editors.EDITORS[slug]``, built on ``base.Editor``) holds every form of a section (a plain form, and
formsets for the tables of III.4, III.6 and V), binds them to the saved offer or to posted data (or to the input kept
in ``DraftInput``), turns the cleaned data into the rows of the services in ``grants.services.offers`` and maps their
refusals and the filing problems of ``grants.validation`` back to the fields. Every field is optional here: a draft
is saved however incomplete, and what is missing is said next to the field ("Before filing: ...") and on the offer's
page.

By topic: the shared fields (``fields``) and table rows (``tables``); the sections of the offer's own fields
(``sections``), the activities (``activities``), the results (``results``) and the budget (``budget``); the
registry of editors and the anchors of filing problems (``editors``); the forms of the other pages: starting an
offer (``start``), finding a partner (``partners``) and adding an attachment (``attachments``).

Amounts are typed as people write them ("1 234,50", "1234.5 zł"; ``core.money.parse_money``); a negative or
non-numeric amount is refused next to its field.
"""
