"""What is kept after a game: the SQLite store, its migrations, the game record, CSV export.

Owns the results database (`store`, `schema`, `rows`, `failures`), the one lifecycle every
front end stores a game through (`record`), and the per-answer CSV (`export`). Imports
`quiz.game` and `quiz.bank` for the types it stores; never presentation, play, classroom or
CLI.
"""
