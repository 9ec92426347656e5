"""The geocoding cache: a damaged or poisoned entry is ignored and counted, never trusted; a link
or a special file is refused as cache."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from nec_network.errors import UnusableCacheError
from nec_network.geocoding import GeocodingCache, LookupOptions, geocode_ecosystem
from nec_network.geocoding.cache import address_key
from nec_network.model import Actor, Ecosystem
from nec_network.territory import get_commune

QUERY = "12 Rue des Trois Cailloux, 80000 Amiens"
GOOD = {"latitude": 49.8941, "longitude": 2.2958, "label": "12 Rue des Trois Cailloux 80000 Amiens",
        "citycode": "80021", "postcode": "80000", "kind": "housenumber", "score": 0.97}
POISONS = {
    "latitude en texte": {**GOOD, "latitude": "49.89"},
    "latitude en liste": {**GOOD, "latitude": [49.89]},
    "latitude NaN": {**GOOD, "latitude": float("nan")},
    "longitude infinie": {**GOOD, "longitude": float("inf")},
    "latitude 95": {**GOOD, "latitude": 95.0},
    "longitude 400": {**GOOD, "longitude": 400.0},
    "latitude booléenne": {**GOOD, "latitude": True},
    "libellé numérique": {**GOOD, "label": 12},
    "score NaN": {**GOOD, "score": float("nan")},
}


def _store(path, candidates_json: str) -> None:
    with GeocodingCache(path):
        pass
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT OR REPLACE INTO reponses VALUES (?, ?, ?, ?, ?)",
                           ("ban", address_key(QUERY), QUERY, candidates_json, "2026-01-01"))


def test_a_sound_entry_is_read(tmp_path):
    path = tmp_path / "cache.sqlite"
    _store(path, json.dumps([GOOD]))
    with GeocodingCache(path) as cache:
        (candidate,) = cache.get("ban", QUERY).candidates
        assert (candidate.latitude, candidate.longitude) == (49.8941, 2.2958) and cache.damaged == []


@pytest.mark.parametrize("label", sorted(POISONS))
def test_a_poisoned_entry_is_ignored_and_counted(tmp_path, label):
    path = tmp_path / "cache.sqlite"
    _store(path, json.dumps([POISONS[label]]))  # json writes NaN and Infinity, and reads them back
    with GeocodingCache(path) as cache:
        assert cache.get("ban", QUERY) is None
        assert cache.damaged == [QUERY]


@pytest.mark.parametrize("stored", ['{"latitude": 49.9}', "[[49.9, 2.3]]", '"texte"', "[", "null"])
def test_an_entry_of_another_shape_is_ignored(tmp_path, stored):
    path = tmp_path / "cache.sqlite"
    _store(path, stored)
    with GeocodingCache(path) as cache:
        assert cache.get("ban", QUERY) is None and len(cache.damaged) == 1


def test_offline_a_poisoned_answer_is_not_an_address_and_the_summary_warns(tmp_path):
    path = tmp_path / "cache.sqlite"
    _store(path, json.dumps([POISONS["latitude 95"]]))
    amiens = Actor("amiens", "Lieu", adresse="12 Rue des Trois Cailloux", code_postal="80000",
                   commune="Amiens", code_insee="80021")
    result = geocode_ecosystem(Ecosystem([amiens]), LookupOptions(offline=True, cache_path=path))
    placed = result.ecosystem["amiens"]
    commune = get_commune("80021")
    assert (placed.latitude, placed.longitude, placed.precision) == (commune.latitude, commune.longitude, "commune")
    assert result.damaged_cache_entries == 1
    assert "1 réponse illisible du cache (ignorée : coordonnées qui ne sont pas des nombres ou hors limites)" \
        in result.summary()


def test_a_link_or_a_special_file_is_refused_as_cache(tmp_path):
    target = tmp_path / "ailleurs.sqlite"
    sqlite3.connect(target).close()
    link = tmp_path / "cache.sqlite"
    link.symlink_to(target)
    with pytest.raises(UnusableCacheError, match="cache.sqlite » refusé : c'est un lien symbolique"):
        GeocodingCache(link)
    fifo = tmp_path / "tube.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(UnusableCacheError, match="tube.sqlite » refusé : ce n'est pas un fichier ordinaire"):
        GeocodingCache(fifo)
