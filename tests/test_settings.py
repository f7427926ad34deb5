"""One way from options to a game: the same settings, folder handling and messages for the
TUI, `--plain`, `preview` and `host`.

Each test names the bug it guards against: `--kinds Estimate` refused by the TUI but taken
by --plain; a folder of banks working only in the TUI; only "written" questions on a bank
without `[[questions]]` crashing the TUI with a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from quiz.screens.app import QuizApp, make_app
from quiz.screens.launch import opening_bank
from terminal_kit import read_until

from quiz.bank.loader import LoadedBank, load_bank
from quiz.cli import main as cli
from quiz.play.settings import GameSettings

BROKEN = 'format = 1\n[bank]\nid = "x"\ntitel = "typo"\n'

ARTICLE = """\
The town fair

The council said 4,000 people came to the fair. The police put the crowd at 9,000.
"""

NO_WRITTEN_QUESTIONS = """\
format = 1

[bank]
id = "town-fair"
title = "The town fair"

[article]
title = "The town fair"
text_file = "fair.txt"

[sources.council]
name = "The council"

[sources.police]
name = "The police"

[figures.crowd-council]
source = "council"
measure = "crowd"
counts = "people at the fair"
value = 4_000
as_of = "2024-06"
quote = "4,000 people came to the fair"
explain = "Counted at the gates."
ask = "How many people came to the fair, according to the council?"

[figures.crowd-police]
source = "police"
measure = "crowd"
counts = "people in the crowd"
value = 9_000
as_of = "2024-06"
quote = "The police put the crowd at 9,000"
explain = "A peak estimate."
ask = "How large was the crowd, according to the police?"
"""


@pytest.fixture
def fair(tmp_path: Path) -> Path:
    """A valid bank with figures and no `[[questions]]`: nothing of kind "written"."""
    folder = tmp_path / "fair"
    folder.mkdir()
    (folder / "fair.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "fair.toml"
    path.write_text(NO_WRITTEN_QUESTIONS, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path, second_bank_path: Path) -> Path:
    """A folder of two banks: `a-broken.toml` does not check, `b-riverton.toml` does."""
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "a-broken.toml").write_text(BROKEN, encoding="utf-8")
    shutil.copy(second_bank_path, banks / "b-riverton.toml")
    shutil.copy(second_bank_path.parent / "riverton.txt", banks / "riverton.txt")
    return banks


def run_quiz(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


# -- kinds: one parser for every front end -------------------------------------------


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
def test_kinds_are_read_the_same_by_the_tui_and_plain(
    plain: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--kinds Estimate,CHOICE` is the same two kinds whether the game is the TUI or plain."""
    import quiz.screens.launch

    import quiz.play.plain

    seen: list[GameSettings] = []

    def fake(settings: GameSettings, **_: object) -> int:
        seen.append(settings)
        return 0

    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(tmp_path))
    monkeypatch.setattr(quiz.screens.launch, "run_app", fake)
    monkeypatch.setattr(quiz.play.plain, "run_plain", fake)
    argv = ["play", "--kinds", "Estimate, CHOICE", *(["--plain"] if plain else [])]
    assert cli.main(argv) == 0
    assert [s.kinds for s in seen] == [("estimate", "choice")]


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
def test_an_unknown_kind_is_the_same_message_in_the_tui_and_plain(
    plain: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(tmp_path))
    argv = ["play", "--kinds", "estimat", "--data-dir", str(tmp_path), *(["--plain"] * plain)]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert (
        err == "quiz: --kinds: unknown kind 'estimat'; did you mean 'estimate'? Expected some "
        "of: estimate, choice, source, compare, written\n"
    )


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
def test_a_name_with_control_characters_is_refused_by_the_tui_and_plain(
    plain: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(tmp_path))
    argv = ["play", "--name", "Ana\x1b[2J", "--data-dir", str(tmp_path), *(["--plain"] * plain)]
    assert cli.main(argv) == 2
    assert "--name: a player name cannot contain control characters" in capsys.readouterr().err


# -- a folder of banks, wherever a bank is accepted --------------------------------


def test_the_tui_opens_a_folder_on_its_first_bank_that_checks(folder: Path) -> None:
    """A broken bank first in the folder does not hide the valid one; both are offered,
    then the shipped banks."""
    from quiz.questions import shipped_banks

    loaded, offered = opening_bank(GameSettings(bank=folder), None)
    assert loaded.path == folder / "b-riverton.toml"
    assert offered[:2] == [folder / "a-broken.toml", folder / "b-riverton.toml"]
    assert offered[2:] == [Path(p) for p in shipped_banks()]


def test_a_folder_with_no_valid_bank_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("one.toml", "two.toml"):
        (tmp_path / name).write_text(BROKEN, encoding="utf-8")
    for argv in (["play", str(tmp_path)], ["play", "--plain", str(tmp_path)]):
        assert cli.main([*argv, "--data-dir", str(tmp_path / "data")]) == 1
        err = capsys.readouterr().err
        assert "one.toml:4:1: bank.titel" in err and "two.toml:4:1: bank.titel" in err
        assert err.endswith("quiz: 2 banks have 6 problems\n") or "2 banks have" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("command", ["play", "preview"])
def test_a_folder_with_piped_input_names_its_banks_and_stops(folder: Path, command: str) -> None:
    extra = ["--plain", "--data-dir", str(folder.parent / "data")] if command == "play" else []
    result = run_quiz(command, str(folder), *extra, stdin="1\n")
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"quiz: {folder} holds 2 banks; name the one to play:",
        f"  1. {folder / 'a-broken.toml'}: does not check: "
        "article: expected a key `article` here, found none (and 3 more)",
        f"  2. {folder / 'b-riverton.toml'}: Riverton's numbers",
    ]
    assert result.stdout == ""
    assert not (folder.parent / "data").exists()


def test_a_folder_of_one_bank_plays_it(fair: Path, tmp_path: Path) -> None:
    result = run_quiz(
        "play", str(fair.parent), "--plain", "--count", "1", "--data-dir", str(tmp_path / "d")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The town fair: 1 question,")
    # The replay command names the bank played, not the folder.
    assert f"quiz play --plain {fair} --seed" in result.stdout


def _on_a_terminal(argv: list[str], answers: list[tuple[str, str]]) -> tuple[int, str, str]:
    """Run `quiz ARGV` with a terminal for stdin and stderr; at each marker seen, type.

    Returns the exit status, what the terminal showed, and stdout."""
    import pty

    main, child = pty.openpty()
    env = os.environ | {"COLUMNS": "100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quiz", *argv],
        stdin=child,
        stdout=subprocess.PIPE if argv[0] == "preview" else child,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen = ""
    try:
        for marker, typed in answers:
            seen = read_until(main, marker, seen)
            os.write(main, typed.encode())
        out = proc.stdout.read().decode() if proc.stdout is not None else ""
        status = proc.wait()
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)
        if proc.stdout is not None:
            proc.stdout.close()
    return status, seen, out


def test_a_folder_on_a_terminal_asks_which_bank_in_plain(folder: Path, tmp_path: Path) -> None:
    """The broken bank is listed with its problem and cannot be chosen; the valid one plays."""
    status, seen, _ = _on_a_terminal(
        ["play", str(folder), "--plain", "--count", "1", "--data-dir", str(tmp_path / "d")],
        [
            ("Which bank (1-2)? ", "1\n"),
            ("cannot be played", "2\n"),
            ("Your answer", "\x04"),
        ],
    )
    assert status == 0
    assert "1. " + str(folder / "a-broken.toml") + ": does not check" in seen
    assert "a-broken.toml does not check, so it cannot be played." in seen
    assert "Riverton's numbers: 1 question," in seen
    flat = " ".join(seen.split())  # lines are wrapped to the terminal's width
    assert f"quiz play --plain {folder / 'b-riverton.toml'} --seed" in flat


def test_a_folder_on_a_terminal_asks_which_bank_in_preview(folder: Path) -> None:
    """preview asks on the terminal (stderr) and prints only the quiz to stdout."""
    status, seen, out = _on_a_terminal(
        ["preview", str(folder), "--count", "2", "--seed", "4"], [("Which bank (1-2)? ", "2\n")]
    )
    assert status == 0, seen
    assert "2. " + str(folder / "b-riverton.toml") + ": Riverton's numbers" in seen
    assert out.startswith("Riverton's numbers (riverton-storm)\n")
    assert f"Play it with: quiz play {folder / 'b-riverton.toml'} --seed 4 --count 2" in out


# -- a choice that gives no questions ----------------------------------------------


def build(loaded: LoadedBank, tmp_path: Path, **settings: object) -> QuizApp:
    return make_app(
        loaded=loaded,
        settings=GameSettings(**settings),  # type: ignore[arg-type]
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )


def screen_text(app: QuizApp) -> str:
    import re

    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    return re.sub(r"\s+", " ", " ".join(lines))


async def test_written_only_on_a_bank_without_questions_is_a_message(
    fair: Path, tmp_path: Path
) -> None:
    """Only "written" chosen on a bank without [[questions]]: Enter stays on the start
    screen, which says why; choosing another kind then plays."""
    app = build(load_bank(fair), tmp_path, kinds=("written",), count=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"
        shown = screen_text(app)
        assert "No quiz from these choices: expected questions of the kinds asked for" in shown
        assert "(written), found none in this bank." in shown
        assert app.session is None
        kinds = app.screen.query_one("#kinds")
        kinds.select("estimate")  # type: ignore[attr-defined]
        # Enter in a field plays too (the Play button ignores a second press while its
        # pressed effect shows).
        app.screen.query_one("#name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen", (app.focused, screen_text(app))
    assert not (tmp_path / "data").exists(), "no session stored for a quiz never answered"


async def test_written_only_straight_from_the_command_line_opens_the_start_screen(
    fair: Path, tmp_path: Path
) -> None:
    loaded = load_bank(fair)
    app = make_app(
        loaded=loaded,
        settings=GameSettings(kinds=("written",)),
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
        show_start=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"
        assert "No quiz from these choices" in screen_text(app)


def test_written_only_in_plain_is_a_message(fair: Path, tmp_path: Path) -> None:
    result = run_quiz(
        "play", str(fair), "--plain", "--kinds", "written", "--data-dir", str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"quiz: {fair}: expected questions of the kinds asked for (written), "
        "found none in this bank\n"
    )
