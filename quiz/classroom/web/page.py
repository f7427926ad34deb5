"""The HTML of the web join: the room's page and the pages that refuse, offline-safe.

textual-serve's own template links Google Fonts and has no viewport tag; this page uses
the Roboto Mono files shipped in textual-serve's static folder (a school network may
have no internet), and picks the terminal's font size from the viewport before the
terminal opens, so a phone gets about `PHONE_COLUMNS` columns of readable text and a
laptop the usual 16px. The JavaScript terminal is textual-serve's (`static/js/textual.js`),
served with screen-reader mode switched on (`patched_script`): students who use a screen
reader can follow, and the page's text can be read back, which the browser tests do.

Every value put into a page is escaped; the only values are the room code (letters and
digits, checked by the server), numbers, and fixed text.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

log = logging.getLogger(__name__)

PHONE_COLUMNS = 46
"""Columns the font size aims for on a narrow screen: the student app's phone layout."""

_XTERM_OPTIONS = "scrollback:0,"
_XTERM_OPTIONS_READABLE = "scrollback:0,screenReaderMode:!0,"


def static_folder() -> Path:
    """textual-serve's JavaScript terminal, its CSS and the Roboto Mono font files."""
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


def patched_script(source: str) -> str:
    """textual.js with xterm's screen-reader mode on; unchanged (and logged) if the
    terminal's options no longer read as expected."""
    if source.count(_XTERM_OPTIONS) != 1:
        log.warning("textual.js changed: the web join runs without screen-reader mode")
        return source
    return source.replace(_XTERM_OPTIONS, _XTERM_OPTIONS_READABLE)


_STYLE = """
@font-face {
  font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
  font-weight: 100 700;
}
/* The app scrolls inside the terminal; a page scrollbar would steal width and make the
   terminal overflow sideways. */
html, body { margin: 0; padding: 0; background: #0c181f; height: 100%; overflow: hidden; }
body { color: #f2f2f2; font-family: "Roboto Mono", monospace; }
.textual-terminal { width: 100vw; height: 100vh; height: 100dvh; }
/* Phones zoom into inputs under 16px; the terminal's hidden input is one. */
.xterm-helper-textarea { font-size: 16px !important; }
.notice { display: none; position: fixed; inset: 0; align-items: center;
  justify-content: center; background: #0c181fee; z-index: 20; }
body.-closed .notice { display: flex; }
.notice div, main { max-width: 32em; padding: 1.5em; line-height: 1.5; text-align: center; }
button { font: inherit; padding: 0.8em 1.6em; margin-top: 1em; border: 0;
  background: #5e0ba7; color: #fff; }
"""

_FONT_SCRIPT = """
(function () {
  var start = window.onload;
  window.onload = async function (event) {
    var width = window.innerWidth || 800;
    var size = Math.max(10, Math.min(16, Math.floor(width / (0.6 * %(columns)d))));
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    document.querySelectorAll(".textual-terminal").forEach(function (element) {
      element.dataset.fontSize = String(size);
      element.dataset.sessionWebsocketUrl = scheme + location.host + %(ws_path)s;
    });
    try { await document.fonts.load(size + 'px "Roboto Mono"'); } catch (error) {}
    if (start) { start(event); }
  };
})();
"""


def room_page(code: str, title: str) -> str:
    """The page that starts a student app for this browser, joined to room `code`."""
    ws_path = "/" + code + "/ws"
    script = _FONT_SCRIPT % {"columns": PHONE_COLUMNS, "ws_path": repr(ws_path)}
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>{html.escape(title)}</title>
<link rel="preload" href="/static/fonts/RobotoMono-VariableFont_wght.ttf" as="font"
  type="font/ttf" crossorigin>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>{_STYLE}</style>
<script src="/static/js/textual.js"></script>
<script>{script}</script>
</head>
<body>
<div class="notice" role="alert"><div>
<p>This page is no longer connected to the quiz.</p>
<p>If the quiz is still on, press Rejoin and type the same name: your points are kept.</p>
<button type="button" onclick="location.reload()">Rejoin</button>
</div></div>
<div id="terminal" class="textual-terminal" data-font-size="16"
  data-session-websocket-url=""></div>
</body>
</html>
"""


def refusal_page(title: str, reason: str) -> str:
    """A short page saying why this browser cannot join now."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<main role="alert">
<h1>{html.escape(title)}</h1>
<p id="reason">{html.escape(reason)}</p>
</main>
</body>
</html>
"""
