"""Issued PDFs (razem.core.documents): one rendering path, an immutable snapshot per content, the checksum printed."""

import hashlib

import pytest

from razem.core import documents
from razem.core.models import DocumentSnapshot, LogEntry

pytestmark = pytest.mark.django_db

TEMPLATE = "documents/base.html"


def test_a_document_is_issued_once_per_content_and_its_file_matches_its_checksum(resident, officer):
    first = documents.issue_pdf(template=TEMPLATE, context={}, kind="test.letter", obj=resident, title="Pismo",
                                actor=officer)  # fmt: skip
    again = documents.issue_pdf(template=TEMPLATE, context={}, kind="test.letter", obj=resident, title="Pismo")

    assert again.pk == first.pk
    content = first.file.open("rb").read()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == first.file_sha256
    assert LogEntry.objects.filter(action="core.document.issued").count() == 1


def test_a_changed_content_is_a_new_document_and_the_old_one_stays(resident, settings):
    first = documents.issue_pdf(template=TEMPLATE, context={}, kind="test.letter", obj=resident, title="Pismo")
    settings.RAZEM_OFFICE = {**settings.RAZEM_OFFICE, "name": "Urząd po zmianie nazwy"}

    second = documents.issue_pdf(template=TEMPLATE, context={}, kind="test.letter", obj=resident, title="Pismo")

    assert second.pk != first.pk and second.content_sha256 != first.content_sha256
    assert DocumentSnapshot.objects.filter(kind="test.letter").count() == 2
    assert documents.latest(kind="test.letter", obj=resident) == second


def test_the_printed_page_carries_the_short_checksum_in_its_footer(resident):
    html = documents.render_html(TEMPLATE, {})
    snapshot = documents.issue_pdf(template=TEMPLATE, context={}, kind="test.letter", obj=resident, title="Pismo")

    assert documents.CHECKSUM_PLACEHOLDER in html  # the footer's place, filled when printed
    assert snapshot.content_sha256 == documents.content_checksum(documents.render_html(TEMPLATE, {"issued_on": None}))
    assert len(snapshot.short_checksum) == 19 and snapshot.short_checksum.count("-") == 3
