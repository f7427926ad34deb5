"""One player's (or a hot-seat group's) game outside Textual, and how options become a quiz.

Owns turning options into a bank, a seed and questions (`setup`), the remembered
start-screen choices (`preferences`), and the line-by-line game (`plain`).

Imports present, results, game, bank and the base modules; never classroom or CLI.
"""
