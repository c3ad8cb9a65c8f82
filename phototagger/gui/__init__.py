"""The PySide6 desktop app: `phototagger gui`. Imports Qt and core, never TensorFlow."""
