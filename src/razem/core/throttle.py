"""Rate limits for forms that send e-mail or write for an anonymous or a new account.

One mechanism for every such view::

    @login_required
    @throttled("events.proposal", key="user")
    def submit(request): ...

The rate of a scope is ``settings.RAZEM_THROTTLE_RATES[scope]`` (falling back to the decorator's ``rate``), one or
more comma-separated ``amount/period`` pairs: ``"10/h,30/d"``; a period is ``s``, ``m``, ``h`` or ``d`` with an
optional number (``"5/10m"``). Each pair counts in fixed windows of its period in Django's cache. By default a
request counts when it went through (a redirect: the POST-redirect-GET of a saved form), so a person correcting a
form is not counted; ``counts="all"`` counts every request of the limited methods (a guessable token). A refused
request gets HTTP 429 with ``Retry-After`` and a page in the site's layout. Keys are a salted hash of the address
(IPv6 by its /64) or the user's id, so they are bounded and hold no personal data. When the cache fails the view
runs unthrottled and a warning is logged.
"""

import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

Key = Literal["ip", "user"]
Counts = Literal["success", "all"]

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# allauth's own request limits (ACCOUNT_RATE_LIMITS: sign-up, sign-in, password reset) are per minute.
ALLAUTH_RETRY_AFTER = 60


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds}s"


def parse_rates(text: str) -> list[Rate]:
    """``"10/h,30/d"`` -> [Rate(10, 3600), Rate(30, 86400)]."""
    rates = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        amount, _, period = part.partition("/")
        unit, count = period[-1:], period[:-1]
        if unit not in UNITS or not amount.isdigit() or (count and not count.isdigit()):
            raise ImproperlyConfigured(f"Rate {part!r}: expected amount/period such as 5/h or 20/10m")
        rates.append(Rate(int(amount), int(count or 1) * UNITS[unit]))
    return rates


def rates_for(scope: str, default: str | None = None) -> list[Rate]:
    text = getattr(settings, "RAZEM_THROTTLE_RATES", {}).get(scope, default)
    if text is None:
        raise ImproperlyConfigured(f"No rate for the throttle scope {scope!r}: add it to RAZEM_THROTTLE_RATES")
    return parse_rates(text)


def network_of(ip: str) -> str:
    """An IPv6 visitor controls a whole /64: count it as one address."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return ip


def identity(request: HttpRequest, key: Key) -> str:
    """Whom a request is counted for: the signed-in person (key="user") or the visitor's address."""
    from razem.core.audit import client_ip

    user = getattr(request, "user", None)
    if key == "user" and user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{network_of(client_ip(request) or '')}"


def _cache_key(scope: str, rate: Rate, window: int, who: str) -> str:
    digest = salted_hmac("razem.core.throttle", who, algorithm="sha256").hexdigest()[:32]
    scope_part = hashlib.sha256(scope.encode()).hexdigest()[:16] if len(scope) > 60 else scope
    return f"razem:throttle:{scope_part}:{rate}:{window}:{digest}"


class Throttle:
    """The counters of one scope for one person or address."""

    def __init__(self, scope: str, rates: list[Rate], who: str) -> None:
        self.scope, self.rates, self.who = scope, rates, who

    def _windows(self, now: float) -> list[tuple[Rate, str, float]]:
        result = []
        for rate in self.rates:
            window = int(now // rate.seconds)
            result.append((rate, _cache_key(self.scope, rate, window, self.who), (window + 1) * rate.seconds - now))
        return result

    def retry_after(self, now: float | None = None) -> int:
        """Seconds until a refused request may be sent again; 0 when it may be sent now."""
        now = time.time() if now is None else now
        windows = self._windows(now)
        try:
            counts = cache.get_many([key for _, key, _ in windows])
        except Exception:  # noqa: BLE001 - a broken cache must not take the forms down
            logger.warning("throttle %s: the cache is unavailable, not limiting", self.scope, exc_info=True)
            return 0
        waits = [left for rate, key, left in windows if int(counts.get(key) or 0) >= rate.amount]
        return max(1, math.ceil(max(waits))) if waits else 0

    def hit(self, now: float | None = None) -> None:
        """Count one request in every window."""
        now = time.time() if now is None else now
        try:
            for _rate, key, left in self._windows(now):
                timeout = math.ceil(left) + 1
                if not cache.add(key, 1, timeout=timeout):
                    try:
                        cache.incr(key)
                    except ValueError:  # expired between add and incr
                        cache.add(key, 1, timeout=timeout)
        except Exception:  # noqa: BLE001
            logger.warning("throttle %s: the cache is unavailable, not counting", self.scope, exc_info=True)

    def reset(self) -> None:
        try:
            cache.delete_many([key for _, key, _ in self._windows(time.time())])
        except Exception:  # noqa: BLE001
            logger.warning("throttle %s: the cache is unavailable, not resetting", self.scope, exc_info=True)


def throttle_for(request: HttpRequest, scope: str, *, rate: str | None = None, key: Key = "ip") -> Throttle:
    return Throttle(scope, rates_for(scope, rate), identity(request, key))


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """HTTP 429 in the site's layout, saying how long to wait, with ``Retry-After``."""
    minutes = max(1, math.ceil(retry_after / 60))
    content = loader.render_to_string("errors/429.html", {"retry_after": retry_after, "minutes": minutes}, request)
    response = HttpResponse(content, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _succeeded(response: HttpResponse) -> bool:
    return 300 <= response.status_code < 400 or "HX-Redirect" in response or "HX-Location" in response


def throttled(
    scope: str,
    *,
    rate: str | None = None,
    key: Key = "ip",
    counts: Counts = "success",
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a view: ``scope`` names the rate in RAZEM_THROTTLE_RATES; ``rate`` is the default when it is absent."""
    rates_for(scope, rate)  # a missing or malformed rate fails at import, not at the first visitor

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                return view(request, *args, **kwargs)
            throttle = throttle_for(request, scope, rate=rate, key=key)
            wait = throttle.retry_after()
            if wait:
                logger.info("throttle %s: refused a request (retry after %s s)", scope, wait)
                return too_many_requests(request, wait)
            response = view(request, *args, **kwargs)
            if counts == "all" or _succeeded(response):
                throttle.hit()
            return response

        return wrapper

    return decorate


def allauth_429(request: HttpRequest) -> HttpResponse:
    """``handler429`` of the root URLconf: allauth answers its own limits with our page and ``Retry-After``."""
    return too_many_requests(request, ALLAUTH_RETRY_AFTER)
