"""Phone numbers read once: the schema's E.164 form, what a ``tel:`` link may dial, the key of a number."""

from __future__ import annotations

import pytest

from nec_network.model.phone import french_phone, phone_key, phone_link

SPELLINGS = ("+33323990011", "03 23 99 00 11", "03.23.99.00.11", "0033 3 23 99 00 11", "+33 (0)3 23 99 00 11",
             "03-23-99-00-11", "0323990011", " 03 23 99 00 11 ")  # fmt: skip


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_a_french_number_is_one_number(spelling):
    assert french_phone(spelling) == phone_link(spelling) == "+33323990011"
    assert phone_key(spelling) == "323990011"


@pytest.mark.parametrize(("given", "dialled"), [
    ("0590 12 34 56", "+590590123456"),  # Guadeloupe, national spelling
    ("+590 590 12 34 56", "+590590123456"),
    ("+32 2 123 45 67", "+3221234567"),  # another country, E.164
    ("3949", "3949"),  # a short number dialled in France
    ("115", "115"),
])  # fmt: skip
def test_overseas_foreign_and_short_numbers_are_dialled_as_they_should(given, dialled):
    assert phone_link(given) == dialled


@pytest.mark.parametrize("text", [
    "appeler la mairie", "javascript:alert(1)", "03 23 99 00 11 / 06 12 34 56 78", "03 23 99 00", "12",
    "+33 12", "00 23 99 00 11 22", "0023990011", "+0 123 456 789", "tel:0323990011", "03 23 99 00 11 poste 4",
    "+33323990011+33323990011", "",
])  # fmt: skip
def test_anything_else_is_not_a_link(text):
    assert phone_link(text) == ""


def test_the_key_of_a_number_is_in_every_spelling_of_it():
    key = phone_key("+33 6 12 34 56 78")
    assert key == "612345678"
    for spelling in ("06 12 34 56 78", "0033612345678", "+33 (0)6.12.34.56.78"):
        assert key in "".join(ch for ch in spelling if ch.isdigit())
    assert phone_key("0590 12 34 56") == phone_key("+590 590 12 34 56") == "590123456"
