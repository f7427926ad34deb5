"""What is kept after a game: the SQLite store, its migrations and the game record.

Owns the results database (`store`, `schema`). Imports `quiz.game` and `quiz.bank` for the
types it stores; never presentation, play, classroom or CLI.
"""
