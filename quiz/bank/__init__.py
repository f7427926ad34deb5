"""The bank format and everything that turns a file into a validated bank.

Owns: the pydantic models of the TOML format (`model`), loading with located errors
(`loader`, `locate`, `checks`), provenance against the article (`provenance`), the number
reader (`numbers`), the validated-bank cache (`cache`) and the run-time dataclasses the
game reads (`data`).

Imports only `quiz.errors`, `quiz.paths` and `quiz.questions` (for the shipped banks); never
the game, results, presentation, classroom or CLI packages above it.
"""
