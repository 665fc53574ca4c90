"""Regenerate translaudit/_entities/gazetteer.json from CLDR (via babel, a build-time tool only).

Run from the repository root: ``.venv/bin/python tools/build_gazetteer.py``.

Each group is one place (a country or region, or a city CLDR names as a time-zone exemplar)
with its names in the languages below, so "Deutschland", "Niemcy", "德国" and "Germany" are
known to be the same entity without a model. CLDR data is under the Unicode licence.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale
from babel.dates import get_timezone_location

LANGS = "en de fr es it pt nl pl cs sk ru uk hy tr sv ja zh hi ar".split()
OUT = Path(__file__).resolve().parents[1] / "translaudit" / "_entities" / "gazetteer.json"


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
    OUT.write_text(
        json.dumps(groups, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{len(groups)} groups written to {OUT}")


if __name__ == "__main__":
    main()
