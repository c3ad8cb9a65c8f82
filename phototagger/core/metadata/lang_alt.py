"""An XMP language alternative (LangAlt: dc:title, dc:description), the text to show first: the
x-default one, then the file's first, as the XMP specification has readers choose and digiKam
and Lightroom show it.

pyexiv2 gives a LangAlt as a dict whose order is libexiv2's, not the file's: x-default first,
then the other languages by name from the end ('fr-FR' before 'de-DE', whichever the file holds
first), and its raw packet is written anew in that order. So the file's order is read from the
file's own bytes, where that matters (a value with several languages and none of them
x-default): its XMP packet found by scanning, as the XMP specification lets a reader find one
in any file, and trusted only where it holds the same languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping, Sequence

X_DEFAULT = "x-default"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The LangAlt fields read for their text, as their element in a packet.
PROPERTIES = {
    "Xmp.dc.title": "{http://purl.org/dc/elements/1.1/}title",
    "Xmp.dc.description": "{http://purl.org/dc/elements/1.1/}description",
}
_QUALIFIER = re.compile(r'^lang="(.*)"$')
# Where a packet's XMP starts and ends: the x:xmpmeta wrapper, or a bare rdf:RDF (sidecars).
_PACKETS = ((b"<x:xmpmeta", b"</x:xmpmeta>"), (b"<rdf:RDF", b"</rdf:RDF>"))


def language(qualifier: str) -> str:
    """'de-DE' of pyexiv2's key 'lang="de-DE"'."""
    found = _QUALIFIER.match(qualifier)
    return found.group(1) if found else qualifier


def needs_file_order(fields: Mapping[str, object], keys: Collection[str]) -> bool:
    """Whether a LangAlt among `fields` (those of `keys`) has several languages and no
    x-default: the one whose first text only the file's own order tells."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, dict) and len(value) > 1:
            if all(language(q).casefold() != X_DEFAULT for q in value):
                return True
    return False


def scanned_packet(data: bytes) -> bytes | None:
    """The first XMP packet's XML in a file's bytes (a photo's, a sidecar's), or None."""
    for start, end in _PACKETS:
        first = data.find(start)
        last = data.find(end, first)
        if first >= 0 and last > first:
            return data[first : last + len(end)]
    return None


def file_order(packet: bytes, keys: Collection[str]) -> dict[str, list[str]]:
    """The languages of each of `keys`' LangAlt in `packet` (an XMP packet's XML), in the
    order the file holds them; {} where the packet cannot be parsed."""
    try:
        root = ET.fromstring(packet)
    except (ET.ParseError, ValueError):
        return {}
    found: dict[str, list[str]] = {}
    for key in keys:
        tag = PROPERTIES.get(key)
        element = None if tag is None else next(root.iter(tag), None)
        if element is not None:
            found[key] = [li.get(_XML_LANG, "") for li in element.iter(f"{_RDF}li")]
    return found


def ranked(value: Mapping[str, object], order: Sequence[str] = ()) -> list[str]:
    """A LangAlt's texts (pyexiv2's {'lang="de-DE"': text}), the one to show first: x-default,
    then as `order` (the file's) has the languages, if it has the same ones; else as pyexiv2
    gave them."""
    languages = [language(q) for q in value]
    if sorted(order) != sorted(languages):
        order = ()  # another packet's (a thumbnail's), or none read

    def rank(index: int) -> tuple[bool, int]:
        name = languages[index]
        place = order.index(name) if name in order else len(order)
        return name.casefold() != X_DEFAULT, place

    texts = list(value.values())
    return [str(texts[i]) for i in sorted(range(len(texts)), key=rank)]
