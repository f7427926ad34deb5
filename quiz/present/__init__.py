"""What every screen says: computed once, laid out by each front end.

Owns the words and numbers a player, a teacher or a student is shown: verdicts, points
texts, reasons, cards, summaries, results listings (`reveal`, `results`). The Textual
screens, `--plain` and the classroom only arrange what this package computes.

Imports results, game, bank and the base modules; never play, classroom or CLI.
"""
