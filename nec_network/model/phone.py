"""Phone numbers: one reading of a phone field, for exports, links and the personal-data rule.

French numbers are written in many ways (``03 23 99 00 11``, ``03.23.99.00.11``,
``+33 (0)3 23 99 00 11``, ``0033 3 23 99 00 11``); :func:`french_phone` gives the E.164 form
the national schema asks for (``+33323990011``), with the overseas départements' own country
codes. :func:`phone_link` decides, once and for every page, whether a phone field is a number
a ``tel:`` link may dial. :func:`phone_key` is what two spellings of one number have in common
(the national significant number), used by :mod:`nec_network.model.personal` to recognise an
adviser's number in any spelling.
"""

from __future__ import annotations

import re

# Overseas prefixes of the French numbering plan (ARCEP): national prefix → country code.
_OVERSEAS = {
    "0590": "+590", "0690": "+590", "0594": "+594", "0694": "+594", "0596": "+596", "0696": "+596",
    "0262": "+262", "0692": "+262", "0693": "+262", "0269": "+262", "0639": "+262", "0508": "+508",
}  # fmt: skip
_FRENCH_CODES = ("+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681")
_FRENCH_E164 = re.compile(r"(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}")
_SEPARATORS = re.compile(r"[\s.\-/()\u00a0\u202f]")
# An international number: a country code (never 0) and at most 15 digits in all (ITU E.164).
_E164 = re.compile(r"\+[1-9]\d{7,14}")
# Short numbers dialled in France: services (3949), emergency and social lines (15, 112, 119, 116 000).
_SHORT = re.compile(r"3\d{3}|1[5-9]|11[0-9]|116\d{3}")
#: A phone-like run of a text: digits with single separators between them, maybe after ``+``.
PHONE_RUN = re.compile(r"\+?\d(?:[\s.\-/()\u00a0\u202f]{0,2}\d)*")


def _compact(value: str) -> str:
    digits = _SEPARATORS.sub("", value.strip())
    digits = digits.replace("+33(0)", "+33")
    if digits.startswith("0033"):
        digits = "+33" + digits[4:]
    if digits.startswith("+330"):
        digits = "+33" + digits[4:]
    return digits


def french_phone(value: str) -> str | None:
    """The first French number of a field in the schema's form (``+33`` and 9 digits), or None.

    >>> french_phone("03 23 97 53 90"), french_phone("+33 (0)3 22 00 00 00"), french_phone("0590 12 34 56")
    ('+33323975390', '+33322000000', '+590590123456')
    >>> french_phone("0033 3 23 99 00 11"), french_phone("03.23.99.00.11 / 06 12 34 56 78")
    ('+33323990011', '+33323990011')
    >>> french_phone("3949") is None
    True
    """
    digits = _compact(value.split(" / ")[0].split(";")[0].split(",")[0])
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        digits = _OVERSEAS.get(digits[:4], "+33") + digits[1:]
    if _FRENCH_E164.fullmatch(digits):
        return digits
    return None


def phone_link(value: str) -> str:
    """What a ``tel:`` link dials for a phone field, or ``""`` when the field is not one valid number.

    Valid: a French number (national or international spelling, overseas included), an
    international E.164 number, or a short number dialled in France (``3949``, ``115``).
    Anything else (text, two numbers, letters) is shown as text, never as a link.

    >>> phone_link("03 23 99 00 11"), phone_link("+32 2 123 45 67"), phone_link("3949")
    ('+33323990011', '+3221234567', '3949')
    >>> phone_link("appeler la mairie"), phone_link("03 23 99 00 11 / 06 12 34 56 78"), phone_link("12")
    ('', '', '')
    """
    text = value.strip()
    if not text or not re.fullmatch(r"[\d\s.\-/()+\u00a0\u202f]+", text) or text.count("+") > 1:
        return ""
    digits = _compact(text)
    if "+" in digits[1:]:
        return ""
    french = french_phone(text) if len(re.sub(r"\D", "", digits)) <= 13 else None
    if french and (len(french) == 12 or not french.startswith("+33")):
        return french
    if _E164.fullmatch(digits) and not digits.startswith(_FRENCH_CODES):
        return digits
    if _SHORT.fullmatch(digits):
        return digits
    return ""


def phone_key(value: str) -> str:
    """The digits two spellings of one number share: the national significant number of a
    French number (9 digits), the E.164 digits of another, the digits of anything else with at
    least 8 of them; ``""`` for shorter text. A spelling of the number contains this key.

    >>> phone_key("+33323990011"), phone_key("03 23 99 00 11"), phone_key("0590 12 34 56")
    ('323990011', '323990011', '590123456')
    >>> phone_key("+32 2 123 45 67"), phone_key("12 34")
    ('3221234567', '')
    """
    digits = _compact(value)
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return digits[1:]
    french = _FRENCH_E164.fullmatch(digits)
    if french and digits.startswith("+33") and len(digits) == 12:
        return digits[3:]
    if french and digits[1:4] in {code[1:] for code in _OVERSEAS.values()} and len(digits) == 13:
        return digits[4:]
    only = re.sub(r"\D", "", digits)
    return only if len(only) >= 8 else ""
