"""Who may try to join, and how fast: the host's admission control. No sockets here.

Two limits, both per address (an IPv4 address, or an IPv6 /64, which one computer
usually owns whole), neither of which can lock a student out:

- **Slots.** At most `PENDING_PER_ADDRESS` connections from one address, and
  `PENDING_TOTAL` from all, may be open without having joined. A newcomer over either
  cap evicts the oldest connection that has said nothing for `IDLE_EVICT` seconds (an
  idle flood costs the flooder its own connections; a real client's hello comes at
  once, so a burst of a whole class joining is not mistaken for one), and is turned
  away with "try again shortly" when there is none; the client then retries with
  backoff. Joined players do not count: a flood never takes a player's place.
- **Guesses.** A right code or a valid rejoin token is taken the moment it arrives,
  whatever else came from that address. A wrong code holds its own connection before
  the "wrong join code" reply, for at least `MIN_HOLD` seconds and, once the address
  has spent `GUESS_BURST` wrong codes, for as long as it takes the address's allowance
  to refill at one code per `GUESS_REFILL` seconds (the generic cell rate algorithm: a
  quiet address is back to the full burst after `GUESS_BURST * GUESS_REFILL` seconds).
  A held connection keeps its slot, so one address gets at most `GUESS_BURST` codes
  checked at once and then one every `GUESS_REFILL` seconds: over an hour, about 1,220
  of the 32**6 (about 1.07 billion) possible codes.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: a code read off a projector is typed without guessing."""
CODE_LENGTH = 6
PENDING_PER_ADDRESS = 64
"""A class behind one school router shares one address; a join takes milliseconds, so 64
at the same instant lets a big class in at once. (Guessing is bounded by the allowance
below, not by this: more connections from one address only wait longer.)"""
PENDING_TOTAL = 1024
IDLE_EVICT = 0.5
FIRST_LINE_SECONDS = 3.0
"""A real client sends its hello at once; an idle connection is closed after this."""
GUESS_BURST = 20
GUESS_REFILL = 3.0
MIN_HOLD = 0.5
BUSY = "the host is busy: too many connections are joining; try again shortly"

Conn = TypeVar("Conn")


def new_code() -> str:
    """A room's join code: 32**6, about a billion, possible codes."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def address_key(peer: str) -> str:
    """The address a limit is kept for: the IPv4 address, or the IPv6 /64."""
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return peer
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@dataclass
class _Pending(Generic[Conn]):
    conn: Conn
    key: str
    since: float
    spoke: bool = False


@dataclass
class Admission(Generic[Conn]):
    admitted: bool
    evict: list[Conn] = field(default_factory=list)
    """Idle connections to close (told "try again shortly") to make room."""


class Gate(Generic[Conn]):
    """Slots for connections that have not joined, and the wrong-code allowance."""

    def __init__(
        self,
        clock: Callable[[], float],
        *,
        per_address: int = PENDING_PER_ADDRESS,
        total: int = PENDING_TOTAL,
        burst: int = GUESS_BURST,
        refill: float = GUESS_REFILL,
        min_hold: float = MIN_HOLD,
        idle_evict: float = IDLE_EVICT,
    ) -> None:
        self.clock = clock
        self.idle_evict = idle_evict
        self.per_address, self.total = per_address, total
        self.burst, self.refill, self.min_hold = burst, refill, min_hold
        self._pending: dict[Conn, _Pending[Conn]] = {}
        """In arrival order (dicts keep it): the oldest idle one is evicted first."""
        self._by_key: dict[str, int] = {}
        self._tat: dict[str, float] = {}
        """Per address, the theoretical arrival time of its next wrong code (GCRA)."""

    def pending(self, peer: str | None = None) -> int:
        if peer is None:
            return len(self._pending)
        return self._by_key.get(address_key(peer), 0)

    def admit(self, conn: Conn, peer: str) -> Admission[Conn]:
        """Take a new connection into a pending slot, evicting idle ones if need be."""
        key = address_key(peer)
        evict: list[Conn] = []
        if self._by_key.get(key, 0) >= self.per_address:
            idle = self._oldest_idle(key)
            if idle is None:
                return Admission(False)
            evict.append(idle)
            self.release(idle)
        if len(self._pending) >= self.total:
            idle = self._oldest_idle(self._busiest())
            if idle is None:
                idle = self._oldest_idle(None)
            if idle is None:
                return Admission(False, evict)
            evict.append(idle)
            self.release(idle)
        self._pending[conn] = _Pending(conn, key, self.clock())
        self._by_key[key] = self._by_key.get(key, 0) + 1
        return Admission(True, evict)

    def spoke(self, conn: Conn) -> None:
        """The connection sent its first line: it is no longer idle, so not evicted."""
        entry = self._pending.get(conn)
        if entry is not None:
            entry.spoke = True

    def release(self, conn: Conn) -> None:
        """The connection joined or closed: its slot is free."""
        entry = self._pending.pop(conn, None)
        if entry is None:
            return
        left = self._by_key[entry.key] - 1
        if left:
            self._by_key[entry.key] = left
        else:
            del self._by_key[entry.key]

    def wrong_code(self, peer: str) -> float:
        """Count a wrong code from `peer`; the seconds to hold its connection before replying."""
        key = address_key(peer)
        now = self.clock()
        tat = max(self._tat.get(key, now), now) + self.refill
        self._tat[key] = tat
        if len(self._tat) > 4 * self.total:
            self._forget(now)
        return max(self.min_hold, tat - now - self.burst * self.refill)

    def _forget(self, now: float) -> None:
        """Drop addresses whose allowance is full again (they are as good as new)."""
        for key in [k for k, tat in self._tat.items() if tat <= now]:
            del self._tat[key]

    def _oldest_idle(self, key: str | None) -> Conn | None:
        quiet_since = self.clock() - self.idle_evict
        for entry in self._pending.values():
            if entry.since > quiet_since:
                return None  # in arrival order: the rest are newer still
            if not entry.spoke and (key is None or entry.key == key):
                return entry.conn
        return None

    def _busiest(self) -> str | None:
        return max(self._by_key, key=self._by_key.__getitem__, default=None)
