from django.test import RequestFactory, override_settings

from razem.core.audit import client_ip


def test_without_a_trusted_proxy_the_connection_address_is_recorded_and_a_forged_header_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert client_ip(request) == "203.0.113.9"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_the_visitor_address_comes_from_x_forwarded_for():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert client_ip(request) == "198.51.100.7"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_forged_address_prepended_by_the_client_is_not_believed():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.6.6.6, 198.51.100.7")

    assert client_ip(request) == "198.51.100.7"
