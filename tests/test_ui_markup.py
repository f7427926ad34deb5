"""Bank text and player names are data: shown as typed, never read as Rich or Textual markup.

A bank whose every text field carries markup (`[@click=app.quit]`, `[b]`, a lone `[/`,
`[link=...]`) is played through every screen; the characters must appear as written, and
clicking them must do nothing. A lone `[/` crashes Textual 8.2.8's markup parser
(textual#6155), so merely getting through the screens proves no markup parse happened.
"""

from __future__ import annotations

from pathlib import Path

from quiz.screens.app import make_app
from ui_app import screen_text

from quiz.bank.loader import load_bank
from quiz.play.settings import GameSettings

MARKUP = "[@click=app.quit]x[/] [b]y[/b] [/ [link=https://example.com]z[/link]"
NAME = "Ana [@click=app.quit]x[/] [b]y[/b] [/"
"""Markup in a player name, within the 40 characters a name may have."""

BANK = """\
format = 1

[bank]
id = "markup"
title = "Title {m}"
description = "Description {m}"

[article]
title = "Article {m}"
text = '''
The council counted 1,234 cats {m} in the spring survey.

The shelter said 2,000 cats lived in the town.
'''

[sources.council]
name = "Council {m}"
role = "Role {m}"

[sources.shelter]
name = "Shelter {m}"

[figures.cats-council]
source = "council"
measure = "cats"
counts = "Counts {m}"
value = 1234
as_of = 2024
quote = "counted 1,234 cats {m} in the spring survey"
ask = "Ask {m}: how many cats did the council count?"
explain = "Explain {m}"

[figures.cats-shelter]
source = "shelter"
measure = "cats"
counts = "Cats {m} by the shelter"
value = 2000
as_of = 2024
quote = "2,000 cats lived in the town"
ask = "How many cats did the shelter say lived in the town?"
explain = "Shelter explain {m}"

[[questions]]
kind = "choice"
prompt = "Prompt {m}"
answer = "Right {m}"
options = ["Right {m}", "Wrong {m}", "Other {m}"]
figure = "cats-council"
explain = "Note {m}"
""".replace("{m}", MARKUP)


async def test_bank_text_and_names_are_shown_literally(tmp_path: Path) -> None:
    """Every screen shows the markup characters as written; clicking them does nothing."""
    path = tmp_path / "markup.toml"
    path.write_text(BANK, encoding="utf-8")
    loaded = load_bank(path)
    app = make_app(
        loaded=loaded,
        settings=GameSettings(seed=1, count=10, kinds=("written", "estimate"), name=NAME),
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert f"Title {MARKUP}" in screen_text(app)
        assert f"Description {MARKUP}" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        session = app.session
        assert session is not None
        seen_prompt = False
        for _ in range(session.total):  # bounded: a walk that stops advancing fails, never hangs
            question = session.current
            shown = screen_text(app)
            assert question.prompt in shown
            if question.prompt == f"Prompt {MARKUP}":
                seen_prompt = True
                for option in question.options:
                    assert option in shown
                # Clicking the text where the markup would put its action does nothing.
                await pilot.click("#prompt")
                await pilot.click("#prompt", offset=(10, 0))
                await pilot.pause()
                assert app.is_running
                assert type(app.screen).__name__ == "QuestionScreen"
                await pilot.press("1")
            else:
                await pilot.press(*str(round(question.low or 1)), "enter")
            await pilot.pause()
            shown = screen_text(app)
            assert type(app.screen).__name__ == "RevealScreen"
            assert f"Council {MARKUP}" in shown
            assert f"Explain {MARKUP}" in shown
            await pilot.click("#reveal-prompt")
            await pilot.pause()
            assert app.is_running
            await pilot.press("a")
            await pilot.pause()
            if not session.article_open:  # only from the last reveal on
                assert type(app.screen).__name__ == "RevealScreen"
                await pilot.press("enter")
                await pilot.pause()
                continue
            shown = screen_text(app)
            assert type(app.screen).__name__ == "ArticleScreen"
            assert f"Article {MARKUP}" in shown
            assert f"counted 1,234 cats {MARKUP} in the spring survey" in shown
            await pilot.press("escape", "enter")
            await pilot.pause()
        assert session.state == "finished"
        assert seen_prompt
        shown = screen_text(app)
        assert f"Played by {NAME}" in shown
        assert f"Prompt {MARKUP}" in shown or session.summary().missed == ()
        assert app.is_running
