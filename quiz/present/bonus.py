"""Speed points and the streak bonus in words: the rules a game states at its start, and the
line a reveal adds when an answer earned a bonus. Every front end (the TUI, `--plain`, the
classroom's student) shows these strings as they are.

Both bonuses are off unless asked for (`--speed`, `--streak`, or the start screen), because
forced time pressure makes people guess; the numbers come from `quiz.game.session`.
"""

from __future__ import annotations

from quiz.game.session import SPEED_SHARE, STREAK_CAP, STREAK_STEP, SessionSettings


def _share(value: float) -> str:
    return "half" if value == 0.5 else f"{value:g} of"


def rules(settings: SessionSettings) -> list[str]:
    """What each bonus switched on adds, one sentence each; empty when both are off."""
    lines = []
    if settings.speed_points:
        lines.append(
            f"Speed points: an answer that earns points earns up to {_share(SPEED_SHARE)} as "
            f"much again, falling to nothing at {settings.speed_seconds:g} seconds."
        )
    if settings.streak_bonus:
        # In interval mode bounds rarely earn full marks, so bounds that hold the truth
        # keep the run (quiz.game.session.keeps_streak).
        run = "answer whose bounds hold the truth" if settings.interval else "full-marks answer"
        lines.append(
            f"Streak bonus: each {run} in an unbroken run adds {STREAK_STEP:g} of "
            f"the question's points per earlier answer in the run, at most {STREAK_CAP:g}."
        )
    return lines


def reveal_line(points: float, reason: str, total: float) -> str:
    """The reveal's bonus line ("Bonus: speed +0.3, streak of 3 +0.2, so 1.5
    points for this answer"); empty when the answer earned none."""
    if not points or not reason:
        return ""
    return f"Bonus: {reason}, so {total:g} point{'' if total == 1 else 's'} for this answer."
