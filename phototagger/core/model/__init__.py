"""Model versions as a library sees them, one use case per module:

- record.py      ModelVersion, the frozen record of a version (defined in ml, re-exported here)
- active.py      which version is active, and the user's per-tag thresholds (library settings)
- tagger.py      assembling a version's head, and the CNN plus head that tags new photos
- retag.py       re-tagging from cached embeddings, a chunk per transaction; an interrupted switch
- activation.py  switching versions (so rolling back) and discarding one
- review.py      a tag's scores over the library and the next photos to review for it
- listing.py     the versions of a library, as rows and as JSON
- replaced.py    the runs a new training replaces (trained from the same version, never active)
"""
