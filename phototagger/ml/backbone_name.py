"""The backbone's name: the key its embeddings are stored and cached under.

Its own module because both the engine (which only names the backbone) and the backbone (which
builds it with Keras) need it, and neither may import the other at its top.
"""

BACKBONE_NAME = "efficientnet-lite0"
