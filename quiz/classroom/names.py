"""Player names in a classroom: what a name may be, and when two names are one.

- A name is stored NFC-normalised, trimmed, with runs of spaces made one: "José"
  typed as e + combining accent is the same "José".
- Refused, with a message saying why: an empty or over-long name; control, format
  (zero-width, bidirectional), private-use, unassigned or surrogate characters; line
  or paragraph separators (U+2028 would show "Ana\\u2028Ben" as "AnaBen" here and as
  two lines there); spaces other than the plain one; and a name with nothing visible in
  it (only spaces, marks or blank-looking letters such as U+2800 BRAILLE PATTERN BLANK
  or U+3164 HANGUL FILLER).
- Two names are one when they read the same (`name_key`): after NFKC (full-width and
  styled letters fold to plain ones), each character is mapped to the prototype of its
  confusable class from the Unicode confusables data that confusable-homoglyphs keeps
  (Cyrillic "А" to Latin "A", "I" and "1" to "l", "0" to "O"), then case-folded. The
  data is loaded once, on the first name a host checks, not by students.
"""

from __future__ import annotations

import functools
import unicodedata

NAME_MAX = 24
_REFUSED = {
    "Cc": "control characters",
    "Cf": "invisible or direction characters",
    "Cs": "invalid characters",
    "Co": "private-use characters",
    "Cn": "unassigned characters",
    "Zl": "line breaks",
    "Zp": "line breaks",
}
_BLANK = frozenset("\u115f\u1160\u2800\u3164\uffa0\u17b4\u17b5")
"""Letters and symbols that draw nothing."""
_VISIBLE = ("L", "N", "P", "S")


def clean_name(name: str) -> str:
    """The name as stored: NFC, trimmed, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).split(" ")).strip(" ")


def name_problem(name: str) -> str | None:
    """Why `name` (as `clean_name` gives it) cannot be a player's name, or None."""
    if not name.strip():
        return "a name is needed"
    if len(name) > NAME_MAX:
        return f"names are at most {NAME_MAX} characters"
    for char in name:
        category = unicodedata.category(char)
        if category in _REFUSED:
            return f"names may not contain {_REFUSED[category]} (U+{ord(char):04X})"
        if category == "Zs" and char != " ":
            return f"names may use only plain spaces (U+{ord(char):04X})"
    if not any(char not in _BLANK and unicodedata.category(char)[0] in _VISIBLE for char in name):
        return "a name needs a visible letter, digit or sign"
    return None


@functools.cache
def _prototypes() -> dict[str, str]:
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[str, str] = {}
    for char, glyphs in confusables_data.items():
        # A character that is not its class's prototype lists just the prototype.
        if len(glyphs) == 1:
            target = "".join(c for c in glyphs[0]["c"] if unicodedata.category(c) != "Cf")
            if target:
                table[char] = target
    return table


def name_key(name: str) -> str:
    """Equal for names that read the same: NFKC, confusable prototypes, case-folded."""
    prototypes = _prototypes()
    folded = unicodedata.normalize("NFKC", name)
    skeleton = "".join(prototypes.get(char, char) for char in folded)
    return unicodedata.normalize("NFKC", skeleton).casefold()
