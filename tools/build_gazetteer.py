"""Regenerate translaudit/_entities/gazetteer.json from CLDR (via babel, a build-time tool only).

Run from the repository root: ``.venv/bin/python tools/build_gazetteer.py``.

Each group is one place (a country or region, or a city CLDR names as a time-zone exemplar)
with its names in the languages below, so "Deutschland", "Niemcy", "德国" and "Germany" are
known to be the same entity without a model. CLDR data is under the Unicode licence.

``tools/places.json`` (session 16) is merged in as the file's ``native`` part: cities,
subdivisions, seas and a few organisations CLDR lacks (Hamburg, 石川県, 地中海, 新华社), written
by hand for this project from public facts. Their Chinese names are native words, not
transcriptions, so they are kept apart from CLDR's (see ``transcribed_place_groups``).
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale
from babel.dates import get_timezone_location

LANGS = "en de fr es it pt nl pl cs sk ru uk hy tr sv ja zh hi ar".split()
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "translaudit" / "_entities" / "gazetteer.json"
HAND = ROOT / "tools" / "places.json"


def hand_groups() -> list[dict[str, list[str]]]:
    """The hand-written groups, every section of places.json but its "about" note."""
    data = json.loads(HAND.read_text(encoding="utf-8"))
    groups = [g for key, section in data.items() if key != "about" for g in section]
    for group in groups:
        unknown = set(group) - set(LANGS)
        if unknown or "en" not in group:
            raise ValueError(f"places.json: {group} (languages {sorted(unknown)}, en required)")
    return groups


def main() -> None:
    locales = {lang: Locale.parse(lang) for lang in LANGS}
    groups: list[dict[str, list[str]]] = []
    codes = sorted(c for c in locales["en"].territories if c.isalpha() and len(c) == 2)
    # continents and world regions ("Europe", "欧洲", "North America"); not "world" (001), nor
    # "Americas" and "Northern America", which many languages name as the United States
    codes += sorted(
        c for c in locales["en"].territories if c.isdigit() and c not in {"001", "019", "021"}
    )
    for code in codes:
        if code in {"ZZ", "XA", "XB", "QO"}:
            continue
        group: dict[str, list[str]] = {}
        for lang, loc in locales.items():
            names = {loc.territories.get(code, "")}
            names |= {
                loc.territories.get(f"{code}-alt-short", ""),
                loc.territories.get(f"{code}-alt-variant", ""),
            }
            names.discard("")
            if names:
                group[lang] = sorted(names)
        groups.append(group)
    zones = sorted({z for loc in locales.values() for z in loc.time_zones})
    for zone in zones:
        if zone.startswith("Etc/") or "/" not in zone:
            continue
        group = {}
        for lang, loc in locales.items():
            try:
                city = get_timezone_location(zone, locale=loc, return_city=True)
            except LookupError:
                continue
            if city:
                group[lang] = [city]
        if len(group) >= 2:
            groups.append(group)
    native = hand_groups()
    OUT.write_text(
        json.dumps({"cldr": groups, "native": native}, ensure_ascii=False, separators=(",", ":"))
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(groups)} CLDR groups and {len(native)} hand-written ones written to {OUT}")


if __name__ == "__main__":
    main()
