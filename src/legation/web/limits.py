"""Request limits owned by one app instance: a per-client token bucket (requests per second, with a burst)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ApiLimits:
    """Every limit of the web API; `rate` of None turns the request-rate limit off."""

    max_page_size: int = 200
    max_upload_bytes: int = 2_000_000
    rate: float | None = 20.0  # requests per second and client, refilled continuously
    burst: int = 60  # requests a client may make at once before `rate` applies
    max_clients: int = 10_000  # buckets kept; the least recently seen are forgotten beyond this
    cors_origins: tuple[str, ...] = ()  # no CORS headers at all unless origins are named here


class TokenBucket:
    """Per-client buckets of `burst` tokens refilled at `rate` per second; take() spends one if left."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError(f"rate, burst: expected a positive rate and burst, found {rate}, {burst}")
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> bool:
        """Spend one token of `client`; False (and nothing spent) when the bucket is empty."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self.max_clients:
                del self._buckets[next(iter(self._buckets))]  # dicts keep insertion order: oldest first
            return allowed

    def retry_after(self, client: str) -> float:
        """Seconds until `client` has a token again."""
        with self._lock:
            tokens, _ = self._buckets.get(client, (float(self.burst), 0.0))
        return max(0.0, (1.0 - tokens) / self.rate)
