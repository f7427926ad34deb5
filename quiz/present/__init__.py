"""What every screen says: computed once, laid out by each front end.

Owns the words and numbers a player, a teacher or a student is shown, as small frozen
views that the Textual screens, `--plain`, the projector and the student app only arrange:

- `words`: points ("0.46", "0.5 of 1 point"), ordinals, printable names
- `kinds`: the one label of each kind of question
- `verdict`: right / close / wrong (or inside / outside your bounds) and its words
- `chart`: the chart's points and which guesses it draws, and the legend
- `ranking`: ranks with ties (one tolerance rule), leaderboard rows, the podium
- `final_board`: the projector's final screen, the podium then the rest of the class
- `class_answers`: how the class answered, on the projector and for each student
- `reveal_view`, `summary_view`, `progress`: the views of a reveal, a summary, the header
- `replay`: the command that plays a quiz again
- `plain_text`: the plain-text layout of those views, for `--plain` and `preview`
- `results`: the `quiz results` listing and the per-player CSV

Imports results, game, bank and the base modules; never play, classroom or CLI.
"""
