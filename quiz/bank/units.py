"""A unit's singular from its plural, for `unit = "soldiers"` written in the short form.

The words come from the `inflection` library (the Rails inflector's rules, pure Python,
a millisecond to import). `inflect` reads more words right but takes seconds to import
here (typeguard wraps its functions at import time), more than the game's whole start.

Rules meant for identifiers can be wrong for news nouns ("police" would become
"polouse"; a few collective nouns are listed), so a singular is kept only when it turns
back into the same plural. A unit of several words, or one that fails the round trip,
keeps its plural as its singular ("police", "km", "degrees Celsius"): an author who wants
"1 degree Celsius" writes the table form with both words. Runs only when a bank is checked
in full, never on a warm start (the cache stores the singular).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["singular_of"]

# Collective nouns with no singular that the inflector's rules get wrong ("police" matches
# its mouse/mice rule). The library's own uncountables (sheep, equipment, ...) come free.
_COLLECTIVE = frozenset({"police", "personnel", "staff", "livestock", "clergy", "military"})


@lru_cache(maxsize=256)
def singular_of(plural: str) -> str:
    """The singular of a one-word plural unit ("soldiers" -> "soldier"), else `plural`."""
    if not plural.isalpha() or not plural.islower() or plural in _COLLECTIVE:
        return plural
    import inflection

    singular: str = inflection.singularize(plural)
    if singular != plural and inflection.pluralize(singular) == plural:
        return singular
    return plural
