"""A local test identity provider for login.gov.pl, in process: pysaml2's ``Server`` (the IdP side of the library)
with keys generated for the test run. It plays Węzeł Krajowy's part: reads our signed AuthnRequest, answers by the
Artifact binding, resolves the artifact when our service provider calls its SOAP ArtifactResolutionService (the
SP's HTTP call is routed here instead of the network), encrypts the assertion for us and signs it.

Nothing here is a mock of our code: the SP under test is the real ``razem.identity`` with real XML signatures and
encryption done by xmlsec1.
"""

import base64
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

IDP_ENTITY = "https://idp.test.login.gov.pl/idp"
IDP_BASE = "https://idp.test.login.gov.pl/login-services"
SSO_URL = "https://idp.test.login.gov.pl/login/SingleSignOnService"
ARS_URL = IDP_BASE + "/idpArtifactResolutionService"
SLO_URL = IDP_BASE + "/singleLogoutService"
EIDAS = "http://eidas.europa.eu/attributes/naturalperson/"
PESEL_ID = "PL/PL/90010112345"


def write_keypair(directory: Path, name: str, *, kind: str = "ec") -> tuple[str, str]:
    """A private key and a self-signed certificate (PEM files), EC P-256 or RSA 2048, for tests only."""
    key: Any = ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else rsa.generate_private_key(65537, 2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"razem test {name}")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.pem"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


def idp_config(directory: Path, *, sp_metadata: str | None) -> dict[str, Any]:
    from saml2 import BINDING_HTTP_POST, BINDING_SOAP
    from saml2.xmldsig import DIGEST_SHA256, SIG_ECDSA_SHA256

    key, cert = (str(directory / "idp-signing.key"), str(directory / "idp-signing.pem"))
    config: dict[str, Any] = {
        "entityid": IDP_ENTITY,
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "key_file": key,
        "cert_file": cert,
        "signing_algorithm": SIG_ECDSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        "service": {
            "idp": {
                "endpoints": {
                    "single_sign_on_service": [(SSO_URL, BINDING_HTTP_POST)],
                    "artifact_resolution_service": [(ARS_URL, BINDING_SOAP)],
                    "single_logout_service": [(SLO_URL, BINDING_SOAP)],
                },
                "want_authn_requests_signed": True,
                "signing_algorithm": SIG_ECDSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}},
            }
        },
    }
    if sp_metadata:
        config["metadata"] = {"local": [sp_metadata]}
    return config


@dataclass
class TestIdP:
    """The identity provider, with the SP settings that trust it."""

    directory: Path
    server: Any = None
    settings: dict[str, Any] = field(default_factory=dict)
    person: dict[str, str] = field(
        default_factory=lambda: {
            "CurrentGivenName": "Jan",
            "CurrentFamilyName": "Kowalski",
            "PersonIdentifier": PESEL_ID,
            "DateOfBirth": "1990-01-01",
        }
    )
    tamper: str = ""  # "outer-signature": sign the ArtifactResponse with a key the SP does not trust
    resolved: list[str] = field(default_factory=list)
    logouts: list[str] = field(default_factory=list)
    resolve_bodies: list[str] = field(default_factory=list)
    last_assertion_xml: str = ""

    @classmethod
    def build(cls, directory: Path, *, base_settings: dict[str, Any]) -> "TestIdP":
        from saml2.config import IdPConfig
        from saml2.metadata import create_metadata_string

        write_keypair(directory, "idp-signing", kind="ec")
        write_keypair(directory, "intruder", kind="ec")
        sp_sign_key, sp_sign_cert = write_keypair(directory, "sp-signing", kind="ec")
        # xmlsec1 1.2 encrypts key transport with RSA-OAEP only; see docs/login-gov-pl.md on ECDH-ES.
        sp_enc_key, sp_enc_cert = write_keypair(directory, "sp-encryption", kind="rsa")

        config = IdPConfig()
        config.load(idp_config(directory, sp_metadata=None))
        idp_metadata = directory / "idp-metadata.xml"
        idp_metadata.write_bytes(create_metadata_string(None, config=config, valid=24))

        idp = cls(directory=directory)
        idp.settings = {
            **base_settings,
            "environment": "symulator",
            "metadata": str(idp_metadata),
            "metadata_cert": "",
            "signing_key": sp_sign_key,
            "signing_cert": sp_sign_cert,
            "encryption_key": sp_enc_key,
            "encryption_cert": sp_enc_cert,
            "pepper": "test-pepper-not-secret",
        }
        return idp

    def start(self) -> None:
        """Read our SP's metadata (the exchange with the ministry) and become ready to answer."""
        from saml2.config import IdPConfig
        from saml2.server import Server

        from razem.identity import saml

        saml.allow_ecdsa()

        sp_metadata = self.directory / "sp-metadata.xml"
        sp_metadata.write_text(saml.metadata_xml())
        config = IdPConfig()
        config.load(idp_config(self.directory, sp_metadata=str(sp_metadata)))
        self.server = Server(config=config)

    # -- the browser's leg: the signed AuthnRequest comes in, an artifact goes back -------------------------

    def authenticate(self, saml_request: str, relay_state: str = "") -> str:
        """Check the AuthnRequest (signature included), issue the encrypted, signed assertion, keep it under an
        artifact and return the ACS address with ``SAMLart`` the browser is sent to."""
        from saml2 import BINDING_HTTP_POST
        from saml2.saml import NAMEID_FORMAT_TRANSIENT, NameID

        request = self.server.parse_authn_request(saml_request, BINDING_HTTP_POST)
        message = request.message
        assert request.signature_check(request.xmlstr), "the AuthnRequest is not correctly signed"
        sp_entity = message.issuer.text
        acs = (
            message.assertion_consumer_service_url
            or self.server.metadata.assertion_consumer_service(sp_entity, message.protocol_binding)[0]["location"]
        )
        encryption_cert = Path(self.settings["encryption_cert"]).read_text()
        identity = {EIDAS + name: [value] for name, value in self.person.items()}
        response = self.server.create_authn_response(
            identity,
            in_response_to=message.id,
            destination=acs,
            sp_entity_id=sp_entity,
            name_id=NameID(text="transient-" + message.id[1:9], format=NAMEID_FORMAT_TRANSIENT),
            authn={"class_ref": "http://eidas.europa.eu/LoA/substantial", "authn_auth": IDP_ENTITY},
            sign_assertion=True,
            sign_response=False,
            encrypt_assertion=True,
            encrypt_cert_assertion=encryption_cert,
            session_not_on_or_after=None,
            # pysaml2 forgets the configured algorithm when it signs an assertion it then encrypts
            sign_alg=self.server.signing_algorithm,
            digest_alg=self.server.digest_algorithm,
        )
        artifact = self.server.use_artifact(response, 0)
        self.last_assertion_xml = str(response)
        query = {"SAMLart": artifact}
        if relay_state:
            query["RelayState"] = relay_state
        from urllib.parse import urlencode

        return f"{acs}?{urlencode(query)}"

    # -- the back channel: SOAP calls from our SP ------------------------------------------------------------

    def soap(self, url: str, body: str) -> tuple[int, str]:
        if url == ARS_URL:
            return 200, self._artifact_response(body)
        if url == SLO_URL:
            return 200, self._logout_response(body)
        return 404, ""

    def _artifact_response(self, body: str) -> str:
        from saml2 import BINDING_SOAP
        from saml2.samlp import response_from_string

        resolve = self.server.parse_artifact_resolve(body)
        self.resolve_bodies.append(body)
        artifact = resolve.artifact.text
        self.resolved.append(artifact)
        stored = self.server.artifact[artifact]
        if isinstance(stored, str):
            self.server.artifact[artifact] = response_from_string(stored)
        # pysaml2 signs the ArtifactResponse before attaching the message when asked to sign; sign it after.
        response = self.server.create_artifact_response(resolve, artifact, sign=False, issuer=self.server._issuer())
        key_file = self.server.sec.key_file
        if self.tamper == "outer-signature":
            self.server.sec.key_file = str(self.directory / "intruder.key")
        try:
            signed = self.server.sign(response)
        finally:
            self.server.sec.key_file = key_file
        info = self.server.apply_binding(BINDING_SOAP, str(signed))
        return info["data"]

    def _logout_response(self, body: str) -> str:
        from saml2 import BINDING_SOAP
        from saml2.samlp import STATUS_SUCCESS

        request = self.server.parse_logout_request(body, BINDING_SOAP)
        self.logouts.append(request.message.name_id.text)
        response = self.server.create_logout_response(request.message, [BINDING_SOAP], sign=True)
        assert STATUS_SUCCESS
        return self.server.apply_binding(BINDING_SOAP, str(response))["data"]


class RoutedResponse:
    """What ``requests`` would return, for the SP's SOAP call answered by the in-process IdP."""

    def __init__(self, status_code: int, text: str) -> None:
        self.status_code = status_code
        self.text = text
        self.content = text.encode("utf-8")
        self.headers: dict[str, str] = {"content-type": "text/xml"}


def route_to(idp: TestIdP):
    """A replacement for ``requests.request`` in pysaml2's HTTP layer: the SP's back-channel calls reach the IdP."""

    def request(method: str, url: str, **kwargs: Any) -> RoutedResponse:
        data = kwargs.get("data") or ""
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        status, text = idp.soap(url, data)
        return RoutedResponse(status, text)

    return request


def auto_submitted_form(html: str) -> dict[str, str]:
    """The action and hidden fields of the form our login page posts to the IdP."""
    import re

    action = re.search(r'<form method="post" action="([^"]+)" id="logingovpl-form"', html)
    fields = dict(re.findall(r'<input type="hidden" name="(SAMLRequest|RelayState)" value="([^"]*)"', html))
    assert action, "no form on the page"
    fields["action"] = action.group(1).replace("&amp;", "&")
    return fields


def acs_path(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def switch_on(settings: Any, directory: Path, monkeypatch: Any) -> TestIdP:
    """login.gov.pl switched on against a fresh local test IdP, with the SP's SOAP calls routed to it."""
    import saml2.httpbase

    from razem.identity import saml

    idp = TestIdP.build(directory, base_settings=dict(settings.RAZEM_LOGINGOVPL))
    settings.RAZEM_LOGINGOVPL_ENABLED = True
    settings.RAZEM_LOGINGOVPL = idp.settings
    saml._client_for.cache_clear()
    idp.start()
    monkeypatch.setattr(saml2.httpbase.requests, "request", route_to(idp))
    return idp
