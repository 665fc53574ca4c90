"""Named-entity candidates without a model, and the similarity of two renderings of a name."""

from ._extract import (
    NOUN_CAPS,
    Chunk,
    DocumentNames,
    NameToken,
    extract_names,
    han_zipf,
    katakana_zipf,
    zipf,
)
from ._gazetteer import (
    UNCASED,
    all_place_groups,
    is_place_name,
    place_forms,
    place_groups,
    place_key,
    same_place,
    transcribed_place_groups,
)
from ._similar import (
    alias_equivalent,
    aliases,
    has_aliases,
    is_native_variant,
    is_regular_rendering,
    name_key,
    name_similarity,
    skeleton,
)

__all__ = [
    "NOUN_CAPS",
    "UNCASED",
    "Chunk",
    "DocumentNames",
    "NameToken",
    "alias_equivalent",
    "aliases",
    "all_place_groups",
    "extract_names",
    "han_zipf",
    "has_aliases",
    "is_native_variant",
    "is_place_name",
    "is_regular_rendering",
    "katakana_zipf",
    "name_key",
    "name_similarity",
    "place_forms",
    "place_groups",
    "place_key",
    "same_place",
    "skeleton",
    "transcribed_place_groups",
    "zipf",
]
