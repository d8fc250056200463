"""``{% table_region %}…{% endtable_region %}``: a table that may be wider than a phone scrolls inside its own box.

The box (``includes/table_region.html``) is a ``.table-responsive`` region that the keyboard can reach (tabindex 0)
and that is named: by ``label="…"``, or else by the table's ``<caption>`` (``aria-labelledby`` its id when it has
one, its text otherwise). The page itself never scrolls sideways; the table keeps every column, none is clipped.
"""

import html
import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()

_CAPTION = re.compile(r"<caption\b(?P<attributes>[^>]*)>(?P<text>.*?)</caption>", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")


def region_name(content: str) -> dict[str, str]:
    """``{"labelledby": id}`` or ``{"label": text}`` for the first caption in ``content``; ``{}`` without one."""
    caption = _CAPTION.search(content)
    if caption is None:
        return {}
    found = _ID.search(caption["attributes"])
    if found:
        return {"labelledby": found[1]}
    text = " ".join(html.unescape(strip_tags(caption["text"])).split())
    return {"label": text} if text else {}


@register.simple_block_tag
def table_region(content: SafeString, label: str = "") -> SafeString:
    name = {"label": label} if label else region_name(content) or {"label": gettext("Table")}
    return render_to_string("includes/table_region.html", {"content": content, **name})
