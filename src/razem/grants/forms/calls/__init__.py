"""Forms of calls for offers, by topic: the office's call form (``call``) and its three formsets bound to it (the
funds per budget year, the criteria with their points, the required attachments: ``formsets``), with the fields for
amounts, shares and points (``fields``); the publication and cancellation forms (``publication``); the filters of
the public and the office's lists (``filters``); the nomination to the commission (``nominations``).

The forms only parse what was typed (amounts as people write them: "12 500,50 zł"); the rules live in
``grants.services.calls`` and come back as ``ValidationError`` dicts shown next to the fields, or above a formset
for "funds", "criteria" and "attachments".
"""
