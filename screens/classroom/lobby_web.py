"""The lobby's way in for browsers (`quiz host --web`): the URL and its QR code.

The QR code is the engine's (`quiz.present.qr`), drawn black on white whatever the theme,
since phone cameras look for dark modules on a light ground. Below `QR_WIDTH` +
`SIDE_WIDTH` columns or `QR_MIN_HEIGHT` rows the code is hidden and the URL and the
`quiz join` command remain: a terminal too small for the code still shows both ways in.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from quiz.present.qr import qr_lines, qr_text

SIDE_WIDTH = 40
QR_MIN_HEIGHT = 22
INK = Style.parse("#000000 on #ffffff")


class QRCode(Static):
    """`url` as a QR code in text characters."""

    def __init__(self, url: str, **kwargs: object) -> None:
        self.lines = qr_lines(qr_text(url))
        super().__init__(
            Content("\n").join(Content.styled(line, INK) for line in self.lines),
            markup=False,
            **kwargs,  # type: ignore[arg-type]  # id/classes only, passed through to Static
        )


class WebWays(Horizontal):
    """The QR code beside the browser URL and the terminal command."""

    def __init__(self, url: str, command: Content, code: str) -> None:
        super().__init__(id="web-ways")
        self.url = url
        self.command = command
        self.code = code

    def compose(self) -> ComposeResult:
        qr = QRCode(self.url, id="qr")
        qr.styles.width = len(qr.lines[0])
        qr.styles.height = len(qr.lines)
        yield qr
        with Vertical(id="web-text"):
            yield Static(Content("Join the quiz"), id="title")
            yield Static(Content("Scan the code, or open in a browser:"), classes="way")
            yield Static(Content.styled(self.url, "bold"), id="join-url", markup=False)
            yield Static(Content("or in a terminal:"), classes="way")
            yield Static(self.command, id="join-command")
            yield Static(Content(f"Code: {' '.join(self.code)}"), id="web-code")

    def on_mount(self) -> None:
        self.fit(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(self.app.size.width, self.app.size.height)

    def fit(self, width: int, height: int) -> None:
        qr = self.query_one(QRCode)
        qr.display = width >= len(qr.lines[0]) + SIDE_WIDTH and height >= QR_MIN_HEIGHT
