from allauth.mfa.models import Authenticator
from conftest import TOTP_SECRET


def test_the_totp_secret_is_not_stored_in_the_clear(officer):
    stored = Authenticator.objects.get(user=officer, type="totp").data["secret"]

    assert TOTP_SECRET not in stored
    assert stored.startswith("fernet:")


def test_the_stored_secret_still_verifies_the_code_of_the_authenticator_app(officer):
    import time

    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    totp = TOTP(Authenticator.objects.get(user=officer, type="totp"))
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))

    assert totp.validate_code(code)
    assert not totp.validate_code("000000" if code != "000000" else "111111")
