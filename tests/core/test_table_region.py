"""``{% table_region %}``: a table that may be wider than a phone scrolls in a named region the keyboard reaches."""

from django.template import Context, Template

TABLE = "{% load tables %}{% table_region LABEL %}<table><caption CAPTION>Meetings &amp; <b>sittings</b></caption>"
TABLE += "<tr><td>1</td></tr></table>{% endtable_region %}"


def render(label: str = "", caption: str = "") -> str:
    return Template(TABLE.replace("LABEL", label).replace("CAPTION", caption)).render(Context({"name": "Komisje"}))


def test_the_region_is_named_by_the_captions_text_and_reached_by_the_keyboard():
    html = render()
    assert html.startswith('<div class="table-responsive table-region" role="region" tabindex="0"')
    assert 'aria-label="Meetings &amp; sittings"' in html
    assert html.rstrip().endswith("</table></div>")


def test_a_caption_with_an_id_labels_the_region_by_reference():
    assert 'aria-labelledby="month-caption"' in render(caption='id="month-caption" class="h5"')


def test_a_label_given_wins_over_the_caption():
    html = render(label="label=name")
    assert 'aria-label="Komisje"' in html and "Meetings" not in html.split(">", 1)[0]


def test_a_table_without_a_caption_is_still_named(english):
    html = Template("{% load tables %}{% table_region %}<table></table>{% endtable_region %}").render(Context())
    assert 'aria-label="Table"' in html
