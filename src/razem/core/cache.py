"""The production cache: Django's Redis backend that answers as a cache miss while the server is down or slow.

Razem keeps nothing only in the cache: the page cache (razem.core.pagecache) renders pages without it, rate limits
count nothing while it is away (they fail open: a refused login is worse than a missed limit for a minute), the
reference data is read from the database. So a cache server that stops, restarts empty or times out must never turn
into a server error. Each operation that fails is logged once per outage and answered as a miss (``get`` gives the
default, ``add`` and ``delete`` give False, ``get_many`` nothing); after a failure the backend does not try the
server again for ``RETRY_SECONDS``, so requests do not each wait for a connection timeout.

The timeouts come from the OPTIONS of the cache (``socket_connect_timeout``, ``socket_timeout``): docs/deploy.md.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


def _fail_soft(missed: Callable[[tuple[Any, ...], dict[str, Any]], Any]) -> Callable[[Callable[..., Any]], Any]:
    """Wrap an operation: while the server is away, answer ``missed(args, kwargs)`` (the value of a cache miss)."""

    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def wrapper(self: FailSoftRedisCache, *args: Any, **kwargs: Any) -> Any:
            if self.is_down():
                return missed(args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except ValueError:  # incr of a missing key: the caller's business, as with every backend
                raise
            except Exception as error:  # redis.exceptions.RedisError, OSError: the server is away
                self.went_down(error)
                return missed(args, kwargs)
            if self._down_until:
                self.came_back()
            return result

        return wrapper

    return decorate


def _constant(value: Any) -> Callable[[tuple[Any, ...], dict[str, Any]], Any]:
    return lambda args, kwargs: value() if callable(value) else value


def _default(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """What ``get(key, default)`` answers for a miss."""
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class FailSoftRedisCache(RedisCache):
    """RedisCache whose every operation answers a miss instead of raising while the server cannot be reached."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0

    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def went_down(self, error: Exception) -> None:
        if not self._down_until:
            logger.error("cache server unreachable (%s): answering as a cache miss", error)
        self._down_until = time.monotonic() + RETRY_SECONDS

    def came_back(self) -> None:
        if self._down_until:
            logger.warning("cache server reachable again")
        self._down_until = 0.0

    @_fail_soft(_constant(False))
    def add(self, *args: Any, **kwargs: Any) -> bool:
        return super().add(*args, **kwargs)

    @_fail_soft(_default)
    def get(self, *args: Any, **kwargs: Any) -> Any:
        return super().get(*args, **kwargs)

    @_fail_soft(_constant(None))
    def set(self, *args: Any, **kwargs: Any) -> None:
        super().set(*args, **kwargs)

    @_fail_soft(_constant(False))
    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return super().touch(*args, **kwargs)

    @_fail_soft(_constant(False))
    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return super().delete(*args, **kwargs)

    @_fail_soft(_constant(dict))
    def get_many(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return super().get_many(*args, **kwargs)

    @_fail_soft(_constant(False))
    def has_key(self, *args: Any, **kwargs: Any) -> bool:
        return super().has_key(*args, **kwargs)

    @_fail_soft(_constant(0))
    def incr(self, *args: Any, **kwargs: Any) -> int:
        return super().incr(*args, **kwargs)

    @_fail_soft(_constant(list))
    def set_many(self, *args: Any, **kwargs: Any) -> list[str]:
        return super().set_many(*args, **kwargs)

    @_fail_soft(_constant(None))
    def delete_many(self, *args: Any, **kwargs: Any) -> None:
        super().delete_many(*args, **kwargs)

    @_fail_soft(_constant(False))
    def clear(self) -> bool:
        return bool(super().clear())
