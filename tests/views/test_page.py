"""A page's data document: what goes in comes out, and nothing in it can end its <script>."""

from __future__ import annotations

import json
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from nec_network.views.page import script_json

_BREAKING = ("<", ">", "&", "\u2028", "\u2029")

_documents = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(_documents)
def test_the_document_reads_back_whole_and_holds_no_character_that_ends_a_script(document):
    text = script_json(document)
    assert json.loads(text) == document
    assert not any(char in text for char in _BREAKING)


def test_hostile_text_stays_data_inside_the_script_element():
    names = ["</script><script>alert(1)</script>", "<!--", "a & b", "ligne\u2028suite\u2029fin"]
    text = script_json({"noms": names})
    assert "</script" not in text.lower() and "<!--" not in text
    assert json.loads(text) == {"noms": names}


def test_integer_keys_become_text_numpy_numbers_are_numbers_and_nan_is_unknown():
    # An integer key becomes its text, as json.dumps writes it; numpy numbers are numbers.
    document = {1: "un", "n": np.int64(3), "x": np.float64(0.5), "oui": np.bool_(True)}
    assert json.loads(script_json(document)) == {"1": "un", "n": 3, "x": 0.5, "oui": True}
    # JSON has no NaN nor infinity: such a value is unknown on the page.
    assert json.loads(script_json([math.nan, math.inf, -math.inf, np.float64("nan")])) == [None] * 4
