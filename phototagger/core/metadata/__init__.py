"""Keywords, ratings and labels in the photo files themselves (embedded XMP/IPTC/Exif, or XMP
sidecars), in the conventions digiKam, Lightroom, darktable and Immich use.

pyexiv2 (GPL-3, bundles libexiv2) is imported only inside this package, in `exiv.py`.
"""
