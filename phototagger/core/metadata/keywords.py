"""The keyword fields other photo tools use, and how a tag name maps onto each of them.

phototagger spells a hierarchy `parent/child` (digiKam's way); Lightroom's fields use `|`. Flat
fields (dc:subject, IPTC, XPKeywords) hold each tag's leaf and the levels above it, as Lightroom
writes them by default ("Include on Export" and "Export Containing Keywords"): `Paris` and
`Places` for `Places/Paris`, so a program reading dc:subject alone still finds the photo under
Places. Read back, a flat keyword that is a level of a hierarchy is no tag of its own.

A user's keyword tree whose top level has the name of one of the face detector's tags (`People`
in `People|Anna`, beside the detector's `people`: tag names compare ASCII case aside) is kept
apart from it in the library as `People (keywords)/Anna`, and written back as `People|Anna`:
the detector's tag ("a face is in the photo") takes none of the user's keywords below it. A lone
`People` that the file lists beside such a tree (digiKam lists a parent tag assigned too) is the
tree's parent, `People (keywords)`, not the detector's tag.

A slash inside one keyword ("AC/DC", "B/W", "24/7": Lightroom and most tools write it so in
dc:subject, IPTC and as one level of hierarchicalSubject) is no level: the library holds it as
tag_names.LITERAL_SLASH, and each field gets the spelling its tools read as that one keyword.
Fields with `|` between levels and flat fields keep the `/`; digiKam's `/`-separated TagsList
(and LastKeywordXMP) spell it with a backslash, `AC\\DC`, as digiKam itself does since 7.x
when it reads Lightroom's "AC/DC" (DMetadata::getItemTagsPath turns a `/` inside a level into a
backslash before taking `|` for `/`), so digiKam shows one tag, not a tree AC > DC. digiKam
itself holds that backslash as part of the tag's name, as any other ('C:\\stuff'), and writes it
back so into every field: a backslash in those two fields reads back as the slash only where
the file spells the keyword with the slash elsewhere (phototagger and Lightroom write 'AC/DC'
beside it), else as the backslash it is, as digiKam reads it. A keyword with both ('A/B\\C')
is written as digiKam writes it, 'A\\B\\C', and its slash read back where the other fields put
it (digikam_key); digiKam has no way to tell the two apart, and shows it as 'A\\B\\C' as it
would from Lightroom's 'A/B\\C'. A TagsList path ('AC/DC') that
dc:subject holds whole, without its leaf, is that one keyword (another tool's tree of it).
Levels (`tag_levels`, `split_path`) hold the keyword's own text, slash and all; names
(`tag_name`) the library's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from phototagger.store.tags import name_key
from phototagger.tag_names import GROUP_MARK, LITERAL_SLASH

SEPARATOR = "/"
# digiKam's spelling of a slash inside one level of a '/'-separated field.
DIGIKAM_SLASH = "\\"
# Model suggestions, when the user asks for them in the files, live under their own root so
# other tools (and phototagger reading the file back) can tell them from the user's keywords.
AUTO_ROOT = ("phototagger", "auto")


@dataclass(frozen=True)
class KeywordField:
    key: str  # exiv2 key
    separator: str | None  # hierarchy separator inside a value; None: a flat field of leaves
    xmp_type: str = "XmpBag"  # the exiv2 type other tools expect (exiv2 CLI `set` spelling)


TAGS_LIST = KeywordField("Xmp.digiKam.TagsList", "/", "XmpSeq")
HIERARCHICAL = KeywordField("Xmp.lr.hierarchicalSubject", "|")
LAST_KEYWORD = KeywordField("Xmp.MicrosoftPhoto.LastKeywordXMP", "/")
CATALOG_SETS = KeywordField("Xmp.mediapro.CatalogSets", "|")
SUBJECT = KeywordField("Xmp.dc.subject", None)
IPTC_KEYWORDS = KeywordField("Iptc.Application2.Keywords", None, "String")
XP_KEYWORDS = KeywordField("Exif.Image.XPKeywords", None, "XPKeywords")

# Immich reads the first of TagsList, hierarchicalSubject, IPTC Keywords that is present, so a
# keyword must go into every one the file already uses; these three are always written.
FIELDS = (TAGS_LIST, HIERARCHICAL, LAST_KEYWORD, CATALOG_SETS, SUBJECT, IPTC_KEYWORDS, XP_KEYWORDS)
ALWAYS_WRITTEN = (SUBJECT, HIERARCHICAL, TAGS_LIST)
# Sidecars are XMP only.
XMP_FIELDS = tuple(f for f in FIELDS if f.key.startswith("Xmp."))
# Unordered arrays (the XMP spec's dc:subject, Lightroom's hierarchicalSubject...): rdf:Bag.
BAG_KEYS = frozenset(f.key for f in XMP_FIELDS if f.xmp_type == "XmpBag")
IPTC_MAX_BYTES = 64  # IIM limit for one keyword


def split_path(value: str, separator: str | None) -> tuple[str, ...]:
    """The levels of one field value as written, blanks dropped (a `\\` inside a level of a
    '/'-separated field may be digiKam's slash: merge_keywords tells, slashed gives it)."""
    if separator is None:
        parts: Sequence[str] = [value]
    else:
        parts = value.split(separator)
    return tuple(p.strip() for p in parts if p.strip())


def slashed(levels: Sequence[str]) -> tuple[str, ...]:
    """Levels with each backslash read as digiKam's slash inside a tag ('AC\\DC': AC/DC)."""
    return tuple(level.replace(DIGIKAM_SLASH, "/") for level in levels)


def tag_name(levels: Sequence[str]) -> str:
    """The library's name for a keyword path: a slash inside a level held as LITERAL_SLASH."""
    return SEPARATOR.join(level.replace("/", LITERAL_SLASH) for level in levels)


def tag_levels(name: str) -> tuple[str, ...]:
    """A library tag's levels as keyword text (tag_name undone)."""
    parts = (p.strip() for p in name.split(SEPARATOR))
    return tuple(p.replace(LITERAL_SLASH, "/") for p in parts if p)


def is_auto(levels: Sequence[str]) -> bool:
    return tuple(x.casefold() for x in levels[: len(AUTO_ROOT)]) == AUTO_ROOT


def merge_keywords(values: Mapping[str, Sequence[str]]) -> list[str]:
    """phototagger tag names from a file's keyword fields (field key -> values), in file order.

    Hierarchical fields give `parent/child`; a flat keyword that is only a level of one of those
    paths (digiKam puts the leaf in dc:subject too) is not a separate tag. Keywords under
    phototagger's own auto root are model suggestions it wrote, not the user's. Names are
    compared as the library tells tags apart (name_key): 'Dog' and 'dog' are one, 'Äpfel' and
    'äpfel' two.
    """
    paths: list[tuple[str, ...]] = []
    flat: list[str] = []
    one_keyword = _slashed_levels(values)
    with_slash = _words_with_slash(values)
    subject = {name_key(v.strip()) for v in values.get(SUBJECT.key, ())}
    slashed_paths: dict[str, tuple[str, ...]] = {}  # digiKam's, a slash inside a level
    cut = iim_cuts(values)
    for field in FIELDS:
        for value in values.get(field.key, ()):
            if field.separator is None:
                if not (field is IPTC_KEYWORDS and value in cut):
                    flat.append(value.strip())
                continue
            levels = split_path(value, field.separator)
            if field.separator == SEPARATOR:
                levels = _digikam_levels(levels, with_slash)
                levels = one_keyword.get(name_key(SEPARATOR.join(levels)), levels)
                whole = SEPARATOR.join(levels)
                if (
                    len(levels) > 1
                    and name_key(whole) in subject
                    and name_key(levels[-1]) not in subject
                ):
                    # Another tool's tree of a keyword dc:subject holds whole ('AC/DC' beside
                    # no 'DC'): that keyword, as the flat fields have it (written back as
                    # digiKam spells it, the tree's value gone).
                    levels = (whole,)
                if any("/" in level for level in levels):
                    slashed_paths[_backslashed(levels)] = levels
            else:
                # digiKam writes its 'Music/AC\DC' as 'Music|AC\DC' here: the same keyword.
                levels = slashed_paths.get(_backslashed(levels), levels)
            if levels:
                paths.append(levels)
    # ... and its leaf 'AC\\DC' into dc:subject.
    leaves = {_backslashed(p[-1:]): p[-1] for p in slashed_paths.values()}
    flat = [leaves.get(_backslashed((k,)), k) for k in flat]
    levels_seen = {name_key(level) for p in paths for level in p}
    auto_leaves = {name_key(p[-1]) for p in paths if is_auto(p)}
    # A flat keyword spelling a whole path of a hierarchical field ('Places/Paris' beside
    # TagsList 'Places/Paris': digiKam 0.9 wrote its paths into IPTC) is that path.
    paths_seen = {name_key(SEPARATOR.join(p)) for p in paths}
    names = [tag_name(p) for p in paths if not is_auto(p)]
    names += [
        tag_name((k,))
        for k in flat
        if k
        and name_key(k) not in levels_seen
        and name_key(k) not in auto_leaves
        and name_key(k) not in paths_seen
    ]
    return _unique(names)


def iim_cuts(values: Mapping[str, Sequence[str]]) -> set[str]:
    """The file's IPTC keywords that are another field's keyword cut at the IIM's 64 bytes
    (IPTC_MAX_BYTES), as Lightroom, Photoshop and exiftool write a longer one there ('Soldier
    military ... uniform fron' of dc:subject's 'Soldier military ... uniform front view ...'):
    that keyword, not one of their own (the Metadata Working Group compares IPTC with XMP cut to
    the IIM's length). A cut through a letter of two bytes or more leaves its last character
    another (exiftool writes a '.'): the rest is compared."""
    whole = [
        level
        for field in FIELDS
        if field is not IPTC_KEYWORDS
        for value in values.get(field.key, ())
        for level in split_path(value, field.separator)
        if len(level.encode()) > IPTC_MAX_BYTES
    ]
    if not whole:
        return set()
    return {
        value
        for value in values.get(IPTC_KEYWORDS.key, ())
        if IPTC_MAX_BYTES - 4 < len(value.encode()) <= IPTC_MAX_BYTES
        and any(w.startswith(value) or w.startswith(value[:-1]) for w in whole)
    }


def _words_with_slash(values: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The keywords and levels the file spells with a slash inside: its flat fields' ('AC/DC' in
    dc:subject, IPTC) and the levels of its `|`-separated fields ('Music|AC/DC'), by how digiKam
    spells them (digikam_key: 'ac\\dc'; 'a\\b\\c' for 'A/B\\C')."""
    found: dict[str, str] = {}
    for field in FIELDS:
        if field.separator == SEPARATOR:
            continue
        for value in values.get(field.key, ()):
            for level in split_path(value, field.separator):
                if "/" in level:
                    found.setdefault(digikam_key(tag_name((level,))), level)
    return found


def digikam_key(name: str) -> str:
    """A library tag's name (tag_name) as digiKam spells it, folded as name_key: each slash
    inside a level a backslash ('AC\u2215DC': 'ac\\dc'; 'Music/AC\u2215DC': 'music/ac\\dc').
    digiKam turns such a slash into a backslash and keeps the backslashes a name had
    ('A\u2215B\\C': 'a\\b\\c'), so this is what a TagsList value can be matched on."""
    return name_key(name.replace(LITERAL_SLASH, DIGIKAM_SLASH))


def _digikam_levels(levels: Sequence[str], with_slash: Mapping[str, str]) -> tuple[str, ...]:
    """A '/'-separated path's levels, a backslash in a level read as digiKam's slash only where
    the file spells that level with the slash elsewhere (phototagger and Lightroom write 'AC/DC'
    beside TagsList 'AC\\DC', 'A/B\\C' beside 'A\\B\\C'), and only where it spells it so:
    digiKam itself holds a backslash as part of the name, so 'C:\\stuff' or a digiKam tag
    'AC\\DC' with no slash anywhere is read as it is written, and 'A/B\\C' keeps its own."""
    return tuple(_slashed_as(level, with_slash.get(digikam_key(level))) for level in levels)


def _slashed_as(level: str, word: str | None) -> str:
    """`level` (TagsList's spelling) with a slash where `word` (another field's spelling of the
    same keyword) has one; `level` itself where no such word is."""
    if word is None or DIGIKAM_SLASH not in level:
        return level
    if len(word) != len(level):  # spelled in another Unicode form: the other field's text
        return word
    return "".join("/" if theirs == "/" else ours for ours, theirs in zip(level, word, strict=True))


def _backslashed(levels: Sequence[str]) -> str:
    """A path keyed with each slash inside a level spelled as digiKam does ('music/ac\\dc')."""
    return name_key(SEPARATOR.join(level.replace("/", DIGIKAM_SLASH) for level in levels))


def _slashed_levels(values: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """The paths of the `|`-separated fields with a slash inside a level, by their text with
    every level split at '/' (name_key): 'Music/AC/DC' for Lightroom's 'Music|AC/DC'. A
    '/'-separated field spelling one so (phototagger wrote TagsList 'AC/DC' for the keyword
    AC/DC before it knew digiKam's backslash) is that path, not a tree AC > DC."""
    found: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        if field.separator is None or field.separator == SEPARATOR:
            continue
        for value in values.get(field.key, ()):
            levels = split_path(value, field.separator)
            if any("/" in level for level in levels):
                found.setdefault(name_key(SEPARATOR.join(levels)), levels)
    return found


def _unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def field_value(field: KeywordField, levels: Sequence[str]) -> str:
    """How a tag (its levels) is spelled in `field` (a flat field: its leaf)."""
    if field.separator is None:
        return levels[-1]
    if field.separator == SEPARATOR:
        return SEPARATOR.join(level.replace("/", DIGIKAM_SLASH) for level in levels)
    return field.separator.join(levels)


def fits(field: KeywordField, levels: Sequence[str]) -> bool:
    """Whether `field` can carry the tag (its levels) so that it reads back as itself: not where
    a level holds the field's separator ('rock|roll' in hierarchicalSubject would be two
    levels). A '/'-separated field (TagsList) takes every tag: a backslash goes in as it is
    ('C:\\stuff': digiKam holds it as part of the name, and reads the tag back so), a slash
    inside a level as digiKam's backslash, beside any backslash of the name's own ('A/B\\C' as
    'A\\B\\C', what digiKam writes for it), read back by the slash the other fields keep."""
    if not levels:
        return False
    if field.separator is None:
        return True
    if field.separator == SEPARATOR:
        return True
    return not any(field.separator in level for level in levels)


def containing(levels: Sequence[str]) -> tuple[str, ...]:
    """The levels above a tag's leaf, which flat fields carry too ('Places' for Places/Paris);
    none for phototagger's model suggestions (no 'phototagger' or 'auto' keyword)."""
    return () if is_auto(levels) else tuple(levels[:-1])


def _unmarked(level: str) -> str:
    while level.endswith(GROUP_MARK):
        level = level[: -len(GROUP_MARK)]
    return level


def _apart(levels: Sequence[str], reserved: Collection[str], parent: bool = False) -> bool:
    """Whether a path is kept apart from the detector's tag of its top level's name (`reserved`,
    by name_key, marks aside): two levels or more below it; or that level alone where it is the
    parent of another keyword of the file (`parent`: digiKam lists `People` beside
    `People/Anna`), or where it carries the mark already (a file's own `People (keywords)`)."""
    if not levels or name_key(_unmarked(levels[0]).strip()) not in reserved:
        return False
    return len(levels) > 1 or parent or levels[0] != _unmarked(levels[0])


def library_name(levels: Sequence[str], reserved: Collection[str], parent: bool = False) -> str:
    """The library's tag for a file's keyword path: `People|Anna` is `People (keywords)/Anna`
    when `people` is a detector tag (`reserved`, by name_key), and so is a lone `People` that
    is the parent of another keyword of the file (`parent`) `People (keywords)`. A top level
    that already ends with the mark gets one more, so file_levels gives back exactly what the
    file said."""
    if _apart(levels, reserved, parent):
        return tag_name((levels[0] + GROUP_MARK, *levels[1:]))
    return tag_name(levels)


def file_levels(name: str, reserved: Collection[str]) -> tuple[str, ...]:
    """A library tag's levels as written into files: library_name undone."""
    levels = tag_levels(name)
    if _apart(levels, reserved) and levels[0].endswith(GROUP_MARK):
        return (levels[0][: -len(GROUP_MARK)], *levels[1:])
    return levels


def split_xp(value: str) -> list[str]:
    """Windows' XPKeywords: one string, keywords separated by semicolons."""
    # Windows ends the UCS-2 string with a NUL, which would cut whatever is appended after it.
    return [k.strip() for k in value.replace("\x00", "").split(";") if k.strip()]
