"""Reusable widgets: figure card, log-scale chart, progress header, options, number input.

They take plain data (engine dataclasses, strings, numbers) and know nothing of the solo
Session, so the classroom screens reuse them. Their styles live in `widgets.tcss`: an App or
Screen that uses them lists that file in its CSS_PATH (see `WIDGETS_CSS`).
"""

from __future__ import annotations

from pathlib import Path

WIDGETS_CSS = Path(__file__).with_name("widgets.tcss")
"""Stylesheet for these widgets, for an App's or Screen's CSS_PATH."""
