"""The classroom wire format: newline-delimited JSON, one pydantic model per message.

Every message is a JSON object on one line whose `type` picks its model from one
discriminated union per direction (`ClientMessage`, `ServerMessage`). Both sides
validate everything they read with `extra="forbid"`, bounded strings and numbers and
no NaN or infinity, so nothing from the wire is trusted beyond what a model admits.

The question message is built from a whitelist (`QuestionMsg.of`): prompt, options
and unit only. The right answer, a figure's value and other players' answers travel
in `RevealMsg`, sent only once the host has closed the question.

Every host message carries `number`, the question it belongs to (0 in the lobby), so
a student can ignore a late reveal or timer for a question it has left. Every string
a host message holds is passed through `printable` as it is read (the `Text` type):
the student's terminal shows no control or bidirectional character from the host,
whoever answers on that address.

A reveal is one line per student, but most of it is the same for the whole class: the
host encodes the shared fields once and splices in each student's few fields
(`RevealMsg.PERSONAL`, built as `YourReveal`) with `reveal_line`; the student reads
one flat `RevealMsg`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import to_json

from quiz.results.printable import printable

if TYPE_CHECKING:
    from quiz.game.generate import Question

_Decoded = TypeVar("_Decoded")

PROTOCOL_VERSION = 3
"""2: every host message has `number`; answers carry no text; errors may say retry.
3: a reveal says how many picked the right option (`RevealMsg.right`)."""
DEFAULT_PORT = 8765
MAX_LINE = 4096
"""Longest line (bytes, newline included) a host accepts from a client."""
MAX_SERVER_LINE = 1024 * 1024
"""Longest line a client accepts from the host (a reveal carries every figure card)."""


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _shown(text: str) -> str:
    return printable(text, newlines=True)


Text = Annotated[str, AfterValidator(_shown)]
"""Any string from the host: shown without control or bidirectional characters."""
Short = Annotated[str, Field(max_length=200), AfterValidator(_shown)]
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
    number: int = 0


class LobbyMsg(Message):
    type: Literal["lobby"] = "lobby"
    players: int
    number: int = 0


class QuestionMsg(Message):
    """A question as a student may see it before the reveal: nothing more."""

    type: Literal["question"] = "question"
    number: int
    total: int
    kind: Short
    prompt: Annotated[str, Field(max_length=8000), AfterValidator(_shown)]
    options: tuple[Annotated[str, Field(max_length=4000), AfterValidator(_shown)], ...] = ()
    unit: Short = ""
    unit_words: tuple[Short, ...] = Field(default=(), max_length=8)
    """What the student may type after a number ("km", "kilometres"): no answer in it."""
    rule: Text = ""
    """The scoring rule of a number question, as the host's engine states it."""
    examples: Text = ""
    """How to type a number, as the host's engine makes it (`quiz.game.hints`): none of
    the bank's numbers. Empty: the student's field says how without an example."""
    seconds_left: float
    paused: bool = False

    @classmethod
    def of(
        cls,
        question: Question,
        number: int,
        total: int,
        seconds_left: float,
        paused: bool = False,
        *,
        examples: str = "",
    ) -> QuestionMsg:
        """Copy only the whitelisted fields of an engine `Question`."""
        from quiz.game.scoring import rule_text  # the host's side only: students never call

        return cls(
            number=number,
            total=total,
            kind=str(question.kind),
            prompt=question.prompt,
            options=tuple(question.options),
            unit=question.unit,
            unit_words=question.unit_words,
            rule=rule_text(question),
            examples=examples,
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
    source: Text
    role: Text | None
    counts: Text
    as_of: Text | None = None
    value_text: Text
    quote: Text
    number_start: int
    number_end: int
    explain: Text
    is_answer: bool
    unit: Text = ""
    low: float = 0.0
    high: float = 0.0
    note: Text | None = None
    """The source's note, shown on the card as on the host's."""


class PointMsg(Message):
    label: Text
    low: float
    high: float
    kind: Text
    text: Text = ""
    """The value with its unit, as the chart labels it ("4.5 km")."""


class YourAnswer(Message):
    text: Text
    points: float
    max_points: float
    correct: bool
    reason: Text
    bonus: float = 0.0
    """Speed and streak points on top of `points` (when the host switched them on)."""
    bonus_reason: Text = ""


class YourReveal(Message):
    """The part of a reveal that is one student's own (see `reveal_line`)."""

    yours: YourAnswer | None = None
    guess: float | None = None
    """This student's estimate, for the chart: None for an option question and wherever
    `quiz.present.chart` draws no guess (a ratio beside the figures)."""
    further_off: int = 0
    """Classmates whose answer was further from the truth than this student's."""
    points: float = 0.0
    """This student's running total ..."""
    max_points: float = 0.0
    """... out of the points of the questions they have been in so far."""
    rank: int = 0
    tied: bool = False
    """Another player shares this rank (`quiz.present.ranking`)."""


class RevealMsg(Message):
    """After the question closes: the answer, this student's score and the explanation."""

    type: Literal["reveal"] = "reveal"
    number: int
    answer_text: Text
    answer_index: int | None = None
    rule: Text = ""
    answered: int = 0
    cards: tuple[CardMsg, ...] = ()
    chart: tuple[PointMsg, ...] = ()
    note: Text | None = None
    players: int = 0
    """Players on the leaderboard (what a rank is out of)."""
    right: int | None = Field(default=None, ge=0)
    """Players who picked the right option; None for a number question
    (`quiz.present.class_answers` says which line each gets)."""
    # The student's own part, as in YourReveal:
    yours: YourAnswer | None = None
    guess: float | None = None
    further_off: int = 0
    points: float = 0.0
    max_points: float = 0.0
    rank: int = 0
    tied: bool = False

    PERSONAL: ClassVar[frozenset[str]] = frozenset(YourReveal.model_fields)

    def shared_json(self) -> bytes:
        """The fields every student gets, encoded once for the class."""
        return self.model_dump_json(exclude=set(self.PERSONAL)).encode("utf-8")


class PlaceMsg(Message):
    """One row of the podium, ranked by the host (`quiz.present.ranking`)."""

    rank: int
    name: Short
    points: float
    tied: bool = False


class EndMsg(Message):
    type: Literal["end"] = "end"
    number: int = 0
    points: float
    max_points: float
    rank: int
    players: int
    tied: bool = False
    podium: tuple[PlaceMsg, ...] = ()


class ErrorMsg(Message):
    """Something the student should read; `fatal` means the host closes the connection."""

    type: Literal["error"] = "error"
    reason: Short
    fatal: bool = True
    retry: bool = False
    """The host is busy, not refusing: the client tries again after a pause."""
    number: int = 0


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


def reveal_line(shared: bytes, personal: Mapping[str, object]) -> bytes:
    """One student's reveal: the class's shared JSON with this student's fields spliced in.

    `personal` holds `YourReveal`'s fields as plain values, encoded by pydantic-core's
    serializer: ~3 µs a student, where building and dumping two models cost ~30 µs (the
    student validates the whole line as `RevealMsg`; a test keeps the keys equal to
    `YourReveal`'s). Non-finite numbers become null, as `model_dump_json` writes them.
    """
    own = to_json(personal, inf_nan_mode="null")
    return shared[:-1] + b"," + own[1:-1] + b"}\n"


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
