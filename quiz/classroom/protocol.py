"""The classroom wire format: newline-delimited JSON, one pydantic model per message.

Every message is a JSON object on one line whose `type` picks its model from one
discriminated union per direction (`ClientMessage`, `ServerMessage`). Both sides
validate everything they read with `extra="forbid"`, bounded strings and numbers and
no NaN or infinity, so nothing from the wire is trusted beyond what a model admits.

The question message is built from a whitelist (`QuestionMsg.of`): prompt, options
and unit only. The right answer, a figure's value and other players' answers travel
in `RevealMsg`, sent only once the host has closed the question.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

if TYPE_CHECKING:
    from quiz.game.generate import Question

_Decoded = TypeVar("_Decoded")

PROTOCOL_VERSION = 1
DEFAULT_PORT = 8765
MAX_LINE = 4096
"""Longest line (bytes, newline included) a host accepts from a client."""
MAX_SERVER_LINE = 1024 * 1024
"""Longest line a client accepts from the host (a reveal carries every figure card)."""
NAME_MAX = 24

# The same refusal the bank format applies to its text: control characters would
# reach every terminal in the room as escape sequences, and bidirectional overrides
# make a name read differently from how it is stored.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a player's name, or None when it can."""
    if not name.strip():
        return "a name is needed"
    if len(name) > NAME_MAX:
        return f"names are at most {NAME_MAX} characters"
    for char in name:
        if char in _BIDI or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return f"names may not contain control characters (U+{ord(char):04X})"
    return None


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Short = Annotated[str, Field(max_length=200)]
Number = Annotated[float, Field(ge=0, le=1e18, allow_inf_nan=False)]


# --- client to host --------------------------------------------------------


class Hello(Message):
    """First line a client sends: who it is and the code the host shows."""

    type: Literal["hello"] = "hello"
    version: int = Field(ge=0, le=1_000_000)
    code: Annotated[str, Field(max_length=32)]
    name: Annotated[str, Field(max_length=64)] = ""
    token: Annotated[str, Field(max_length=64)] | None = None
    """Given back by the host in `Welcome`; sent again to rejoin as the same player."""


class AnswerMsg(Message):
    """An answer to question `number`: an option index, or a number typed."""

    type: Literal["answer"] = "answer"
    number: int = Field(ge=1, le=10_000)
    choice: int | None = Field(default=None, ge=0, le=100)
    value: Number | None = None
    text: Annotated[str, Field(max_length=64)] = ""
    """What the student typed, kept for the record."""


class Bye(Message):
    """The student leaves for good (closing the socket instead allows a rejoin)."""

    type: Literal["bye"] = "bye"


ClientMessage = Annotated[Hello | AnswerMsg | Bye, Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


# --- host to client --------------------------------------------------------


class Welcome(Message):
    type: Literal["welcome"] = "welcome"
    version: int = PROTOCOL_VERSION
    name: Short
    token: Short
    total: int
    """Number of questions in the quiz."""
    points: float = 0.0
    max_points: float = 0.0
    rejoined: bool = False
    waiting: bool = True
    """True when the student waits for the next question (lobby, or joined mid-question)."""


class LobbyMsg(Message):
    type: Literal["lobby"] = "lobby"
    players: int


class QuestionMsg(Message):
    """A question as a student may see it before the reveal: nothing more."""

    type: Literal["question"] = "question"
    number: int
    total: int
    kind: Short
    prompt: Annotated[str, Field(max_length=8000)]
    options: tuple[Annotated[str, Field(max_length=4000)], ...] = ()
    unit: Short = ""
    seconds_left: float
    paused: bool = False

    @classmethod
    def of(
        cls, question: Question, number: int, total: int, seconds_left: float, paused: bool = False
    ) -> QuestionMsg:
        """Copy only the whitelisted fields of an engine `Question`."""
        return cls(
            number=number,
            total=total,
            kind=str(question.kind),
            prompt=question.prompt,
            options=tuple(question.options),
            unit=question.unit,
            seconds_left=seconds_left,
            paused=paused,
        )


class TimerMsg(Message):
    """The countdown changed (paused, resumed, extended)."""

    type: Literal["timer"] = "timer"
    number: int
    seconds_left: float
    paused: bool


class Received(Message):
    """The host stored the answer; it is final."""

    type: Literal["received"] = "received"
    number: int


class Refused(Message):
    """An answer the host did not take (late, a second one, the wrong question)."""

    type: Literal["refused"] = "refused"
    number: int
    reason: Short


class CardMsg(Message):
    source: str
    role: str | None
    counts: str
    as_of: str
    value_text: str
    quote: str
    number_start: int
    number_end: int
    explain: str
    is_answer: bool
    unit: str = ""
    low: float = 0.0
    high: float = 0.0


class PointMsg(Message):
    label: str
    low: float
    high: float
    kind: str


class YourAnswer(Message):
    text: str
    points: float
    max_points: float
    correct: bool
    reason: str


class RevealMsg(Message):
    """After the question closes: the answer, this student's score and the explanation."""

    type: Literal["reveal"] = "reveal"
    number: int
    answer_text: str
    answer_index: int | None = None
    rule: str = ""
    yours: YourAnswer | None = None
    further_off: int = 0
    """Classmates whose answer scored lower than this student's."""
    answered: int = 0
    cards: tuple[CardMsg, ...] = ()
    chart: tuple[PointMsg, ...] = ()
    note: str | None = None
    points: float = 0.0
    """This student's running total ..."""
    max_points: float = 0.0
    """... out of the points of the questions they have been in so far."""
    rank: int = 0
    players: int = 0


class EndMsg(Message):
    type: Literal["end"] = "end"
    points: float
    max_points: float
    rank: int
    players: int
    podium: tuple[tuple[str, float], ...] = ()


class ErrorMsg(Message):
    """Something the student should read; `fatal` means the host closes the connection."""

    type: Literal["error"] = "error"
    reason: Short
    fatal: bool = True


ServerMessage = Annotated[
    Welcome
    | LobbyMsg
    | QuestionMsg
    | TimerMsg
    | Received
    | Refused
    | RevealMsg
    | EndMsg
    | ErrorMsg,
    Field(discriminator="type"),
]
_SERVER = TypeAdapter(ServerMessage)


class WireError(ValueError):
    """A line that is not a valid message; the text is safe to send back."""


def encode(message: Message) -> bytes:
    return message.model_dump_json().encode("utf-8") + b"\n"


def _decode(adapter: TypeAdapter[_Decoded], line: bytes) -> _Decoded:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        raise WireError("a message must be UTF-8 text") from None
    try:
        # Strict: no "3" for 3, no true for 1; JSON arrays still fill tuples.
        return adapter.validate_json(line, strict=True)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first["type"] == "json_invalid":
            raise WireError("a message must be one JSON object per line") from None
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            raise WireError("unknown message type") from None
        where = ".".join(str(part) for part in first["loc"]) or "message"
        raise WireError(f"invalid message: {where}: {first['msg']}"[:200]) from None


def decode_client(line: bytes) -> Hello | AnswerMsg | Bye:
    return _decode(_CLIENT, line)


def decode_server(line: bytes) -> object:
    return _decode(_SERVER, line)
