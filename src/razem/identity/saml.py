"""The SAML 2.0 service provider for login.gov.pl (Węzeł Krajowy), a thin layer on pysaml2.

What the state requires (DOMAIN.md §5.4) and where it happens here:

- a signed AuthnRequest sent by HTTP-POST: ``authn_request()``;
- the answer by the Artifact binding: ``resolve_artifact()`` sends a signed ArtifactResolve by SOAP to the IdP's
  ArtifactResolutionService (from its metadata), checks the signature of the ArtifactResponse, then lets pysaml2
  check the Response inside (our request id, destination, audience, times) and decrypt and check the assertion;
- the assertion must be encrypted for us and signed by the IdP; a plain one is refused;
- Single Logout by SOAP: ``logout()``.

djangosaml2 was considered and not used: its assertion consumer reads only ``SAMLResponse`` (HTTP-POST), with no
Artifact binding, and it creates users from attributes, while we link an identity to an account by a confirmed
e-mail. pysaml2 itself carries the artifact, SOAP, signature (EC and RSA through xmlsec1) and encryption parts.
"""

import base64
import functools
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

ENVIRONMENTS = {
    "symulator": "https://symulator.login.gov.pl/login-services/idpMetadataService",
    "int": "https://int.login.gov.pl/login-services/idpMetadataService",
    "prod": "https://login.gov.pl/login-services/idpMetadataService",
}
EIDAS_NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/"


class SamlError(Exception):
    """A login.gov.pl answer that cannot be accepted; the message is for the log, never for the person."""


@dataclass(frozen=True)
class GovPerson:
    """What login.gov.pl said about the person, from a checked assertion."""

    identifier_hash: str
    given_name: str
    family_name: str
    date_of_birth: str
    name_id: str
    session_index: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


def allow_ecdsa() -> None:
    """pysaml2 signs with xmlsec1, which supports ECDSA, but its own list of allowed signing algorithms is a
    hard-coded RSA-only tuple (``# XXX SIG_ALLOWED_ALG should be configurable`` in ``saml2/entity.py``). Węzeł
    Krajowy uses EC keys, so the ECDSA-SHA2 algorithms are added to the list in the two modules that read it."""
    import saml2.entity
    import saml2.pack
    from saml2 import xmldsig

    ecdsa = (
        ("SIG_ECDSA_SHA256", xmldsig.SIG_ECDSA_SHA256),
        ("SIG_ECDSA_SHA384", xmldsig.SIG_ECDSA_SHA384),
        ("SIG_ECDSA_SHA512", xmldsig.SIG_ECDSA_SHA512),
    )
    for module in (saml2.entity, saml2.pack):
        allowed = tuple(module.SIG_ALLOWED_ALG)
        module.SIG_ALLOWED_ALG = allowed + tuple(pair for pair in ecdsa if pair not in allowed)  # type: ignore[attr-defined]


def conf() -> dict[str, Any]:
    return dict(settings.RAZEM_LOGINGOVPL)


def absolute(name: str) -> str:
    return settings.RAZEM_BASE_URL + reverse(name)


def hash_identifier(identifier: str, *, environment: str | None = None) -> str:
    """HMAC-SHA256 of the PersonIdentifier under the pepper, per environment (a test identity never matches a real
    one). A PESEL has few enough values that a plain hash could be reversed by trying them all; the pepper lives
    outside the database, so a stolen database alone does not reveal who is linked."""
    pepper = conf()["pepper"]
    if not pepper:
        raise ImproperlyConfigured("RAZEM_LOGINGOVPL_PEPPER is not set; login.gov.pl identities cannot be stored.")
    env = environment or conf()["environment"]
    return hmac.new(pepper.encode(), f"{env}:{identifier}".encode(), hashlib.sha256).hexdigest()


def _is_ec(cert_path: str) -> bool:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    with open(cert_path, "rb") as handle:
        return isinstance(x509.load_pem_x509_certificate(handle.read()).public_key(), ec.EllipticCurvePublicKey)


def signing_algorithm() -> str:
    from saml2.xmldsig import SIG_ECDSA_SHA256, SIG_RSA_SHA256

    return SIG_ECDSA_SHA256 if _is_ec(conf()["signing_cert"]) else SIG_RSA_SHA256


def sp_config_dict() -> dict[str, Any]:
    from saml2 import BINDING_HTTP_ARTIFACT
    from saml2.saml import NAMEID_FORMAT_UNSPECIFIED
    from saml2.xmldsig import DIGEST_SHA256

    c = conf()
    for key in ("signing_key", "signing_cert", "encryption_key", "encryption_cert"):
        if not c[key]:
            raise ImproperlyConfigured(f"RAZEM_LOGINGOVPL_{key.upper()} is not set (docs/login-gov-pl.md).")
    metadata_source = c["metadata"] or ENVIRONMENTS.get(c["environment"], "")
    if not metadata_source:
        raise ImproperlyConfigured("RAZEM_LOGINGOVPL_ENVIRONMENT must be symulator, int or prod.")
    if metadata_source.startswith(("https://", "http://")):
        remote: dict[str, str] = {"url": metadata_source}
        if c["metadata_cert"]:
            remote["cert"] = c["metadata_cert"]
        metadata: dict[str, Any] = {"remote": [remote]}
    else:
        metadata = {"local": [metadata_source]}
    attribute_map = c["attribute_map"]
    return {
        "entityid": c["entity_id"],
        "xmlsec_binary": c["xmlsec_binary"],
        "metadata": metadata,
        "key_file": c["signing_key"],
        "cert_file": c["signing_cert"],
        "encryption_keypairs": [{"key_file": c["encryption_key"], "cert_file": c["encryption_cert"]}],
        "signing_algorithm": signing_algorithm(),
        "digest_algorithm": DIGEST_SHA256,
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
        "service": {
            "sp": {
                "name": settings.RAZEM_SITE_NAME,
                # Single Logout is started by us (SOAP, ``logout()``); an IdP-initiated logout endpoint is not
                # offered yet (docs/login-gov-pl.md).
                "endpoints": {"assertion_consumer_service": [(absolute("identity:acs"), BINDING_HTTP_ARTIFACT)]},
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,  # the ArtifactResponse around it is signed and checked
                "allow_unsolicited": False,
                # pysaml2 reads the algorithms per service (``config.getattr(name, "sp")``), not from the top level
                "signing_algorithm": signing_algorithm(),
                "digest_algorithm": DIGEST_SHA256,
                "name_id_format": NAMEID_FORMAT_UNSPECIFIED,
                "sp_type": "public",
                "sp_type_in_metadata": False,
                "requested_attributes": [
                    {"name": attribute_map[key], "required": True}
                    for key in ("given_name", "family_name", "person_identifier", "date_of_birth")
                ],
            }
        },
    }


def _settings_fingerprint() -> str:
    return hashlib.sha256(
        json.dumps([settings.RAZEM_BASE_URL, conf()], sort_keys=True, default=str).encode()
    ).hexdigest()


@functools.lru_cache(maxsize=4)
def _client_for(fingerprint: str) -> Any:
    from saml2.client import Saml2Client
    from saml2.config import SPConfig

    allow_ecdsa()
    config = SPConfig()
    config.load(sp_config_dict())
    return Saml2Client(config=config)


def client() -> Any:
    """One pysaml2 client per configuration (metadata is read once per process, not per request)."""
    return _client_for(_settings_fingerprint())


def idp_entity_id(saml_client: Any) -> str:
    idps = list(saml_client.metadata.identity_providers())
    if len(idps) != 1:
        raise ImproperlyConfigured(f"The login.gov.pl metadata must name exactly one IdP, not {len(idps)}.")
    return idps[0]


def sso_location(saml_client: Any) -> str:
    from saml2 import BINDING_HTTP_POST

    for service in saml_client.metadata.single_sign_on_service(idp_entity_id(saml_client), BINDING_HTTP_POST):
        return str(service["location"])
    raise ImproperlyConfigured("The IdP metadata has no SingleSignOnService for HTTP-POST.")


def form_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class AuthnRequest:
    request_id: str
    destination: str
    saml_request: str  # base64 of the signed XML, the SAMLRequest field of the auto-submitted form


def authn_request() -> AuthnRequest:
    """A signed AuthnRequest asking for the answer by the Artifact binding, with the eIDAS level of assurance."""
    from saml2 import BINDING_HTTP_ARTIFACT
    from saml2.saml import AuthnContextClassRef
    from saml2.samlp import RequestedAuthnContext

    saml_client = client()
    destination = sso_location(saml_client)
    requested = RequestedAuthnContext(
        authn_context_class_ref=[AuthnContextClassRef(text=conf()["loa"])], comparison="minimum"
    )
    request_id, xml = saml_client.create_authn_request(
        destination,
        binding=BINDING_HTTP_ARTIFACT,
        sign=True,
        sign_alg=signing_algorithm(),
        digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
        requested_authn_context=requested,
        force_authn="true",
    )
    return AuthnRequest(
        request_id=str(request_id),
        destination=destination,
        saml_request=base64.b64encode(str(xml).encode("utf-8")).decode("ascii"),
    )


def artifact_digest(artifact: str) -> str:
    return hashlib.sha256(artifact.encode("utf-8")).hexdigest()


def artifact_destination(saml_client: Any, artifact: str) -> str:
    """Where to resolve a SAML 2.0 type 0x0004 artifact: TypeCode (2 bytes), EndpointIndex (2 bytes), SourceID
    (SHA-1 of the IdP's entity id, 20 bytes), MessageHandle (20 bytes). The SourceID must be our IdP's; the endpoint
    is the ArtifactResolutionService with that index, or the IdP's only one."""
    try:
        raw = base64.b64decode(artifact, validate=True)
    except ValueError as error:
        raise SamlError("artifact is not base64") from error
    if len(raw) != 44 or raw[:2] != b"\x00\x04":
        raise SamlError("artifact is not of type 0x0004")
    idp = idp_entity_id(saml_client)
    if not hmac.compare_digest(raw[4:24], hashlib.sha1(idp.encode("utf-8")).digest()):  # noqa: S324 - SAML's SourceID
        raise SamlError("artifact from another IdP")
    index = str(int.from_bytes(raw[2:4], "big"))
    services = [
        service
        for descriptor in saml_client.metadata[idp]["idpsso_descriptor"]
        for service in descriptor.get("artifact_resolution_service", [])
    ]
    for service in services:
        if str(service.get("index")) == index:
            return str(service["location"])
    if len(services) == 1:
        return str(services[0]["location"])
    raise SamlError("the IdP metadata has no ArtifactResolutionService for this artifact")


def resolve_artifact(artifact: str, *, request_id: str) -> Any:
    """Resolve ``SAMLart`` by a signed SOAP ArtifactResolve and return pysaml2's checked ``AuthnResponse``.

    Raises ``SamlError`` when the answer is not signed by the IdP, answers another request, is not a success,
    carries no encrypted assertion, or the assertion is not signed.
    """
    from saml2 import BINDING_HTTP_ARTIFACT, samlp
    from saml2 import saml as saml_ns
    from saml2.response import ArtifactResponse
    from saml2.s_utils import sid
    from saml2.sigver import SignatureError
    from saml2.soap import parse_soap_enveloped_saml_artifact_response
    from saml2.validate import valid_instance

    saml_client = client()
    destination = artifact_destination(saml_client, artifact)
    resolve_id, resolve = saml_client.create_artifact_resolve(
        artifact, destination, sid(), sign=True, sign_alg=signing_algorithm()
    )
    try:
        http_response = saml_client.send_using_soap(str(resolve), destination)
    except Exception as error:
        raise SamlError(f"ArtifactResolve failed: {error}") from error

    envelope = parse_soap_enveloped_saml_artifact_response(http_response.text)
    outer = ArtifactResponse(
        saml_client.sec, saml_client.config.attribute_converters, saml_client.config.entityid, asynchop=False
    )
    outer.require_response_signature = True
    try:
        outer = outer.loads(envelope, False, origxml=envelope)
    except SignatureError as error:
        raise SamlError(f"ArtifactResponse signature: {error}") from error
    except Exception as error:
        raise SamlError(f"ArtifactResponse refused: {error}") from error
    message = outer.response
    idp = idp_entity_id(saml_client)
    if message.issuer is None or message.issuer.text != idp:
        raise SamlError("ArtifactResponse from another issuer")
    if message.in_response_to != resolve_id:
        raise SamlError("ArtifactResponse answers another ArtifactResolve")
    if message.status.status_code.value != samlp.STATUS_SUCCESS:
        raise SamlError("ArtifactResponse status is not success")
    from saml2 import extension_elements_to_elements

    inner = extension_elements_to_elements(message.extension_elements, [samlp, saml_ns])
    if len(inner) != 1 or not isinstance(inner[0], samlp.Response):
        raise SamlError("ArtifactResponse carries no Response")
    valid_instance(inner[0])
    if inner[0].assertion or not inner[0].encrypted_assertion:
        raise SamlError("the assertion is not encrypted")
    try:
        response = saml_client.parse_authn_request_response(
            # pysaml2 expects what came by this binding base64-encoded, as if it had come by HTTP
            base64.b64encode(str(inner[0]).encode("utf-8")).decode("ascii"),
            BINDING_HTTP_ARTIFACT,
            outstanding={request_id: "/"},
        )
    except Exception as error:
        raise SamlError(f"Response refused: {error}") from error
    if response is None or response.assertion is None:
        raise SamlError("no assertion after decryption")
    return response


def person_from(response: Any) -> GovPerson:
    """The mapped eIDAS attributes; the PersonIdentifier is hashed at once and not kept."""
    attribute_map = conf()["attribute_map"]
    # By the attribute's Name (the eIDAS URI), as the settings map them, not by pysaml2's friendly names.
    values: dict[str, str] = {}
    for statement in response.assertion.attribute_statement or []:
        for attribute in statement.attribute or []:
            texts = [str(value.text or "").strip() for value in attribute.attribute_value or []]
            if attribute.name and texts and attribute.name not in values:
                values[attribute.name] = texts[0]

    def first(key: str) -> str:
        return values.get(attribute_map[key], "")

    identifier = first("person_identifier")
    if not identifier:
        raise SamlError("the assertion has no PersonIdentifier")
    session_index = ""
    for statement in response.assertion.authn_statement or []:
        session_index = statement.session_index or session_index
    return GovPerson(
        identifier_hash=hash_identifier(identifier),
        given_name=first("given_name"),
        family_name=first("family_name"),
        date_of_birth=first("date_of_birth"),
        name_id=str(response.name_id.text) if response.name_id is not None else "",
        session_index=session_index,
    )


def assertion_id(response: Any) -> str:
    return str(response.assertion.id)


def metadata_xml() -> str:
    from saml2.metadata import create_metadata_string

    return create_metadata_string(None, config=client().config, valid=24 * 30).decode("utf-8")


def logout(*, name_id: str, session_index: str) -> bool:
    """Single Logout at the IdP by a signed SOAP LogoutRequest; True when the IdP answered success."""
    from saml2 import BINDING_SOAP, samlp
    from saml2.saml import NAMEID_FORMAT_UNSPECIFIED, NameID

    saml_client = client()
    idp = idp_entity_id(saml_client)
    services = saml_client.metadata.single_logout_service(idp, BINDING_SOAP, "idpsso")
    if not services:
        return False
    destination = services[0]["location"]
    _request_id, request = saml_client.create_logout_request(
        destination,
        idp,
        name_id=NameID(text=name_id, format=NAMEID_FORMAT_UNSPECIFIED),
        session_indexes=[session_index] if session_index else None,
        sign=True,
        sign_alg=signing_algorithm(),
    )
    try:
        http_response = saml_client.send_using_soap(str(request), destination)
        answer = saml_client.parse_logout_request_response(http_response.text, BINDING_SOAP)
    except Exception:
        return False
    return bool(answer and answer.response.status.status_code.value == samlp.STATUS_SUCCESS)
