"""Tri-lingual (Vietnamese, English, Khmer) promotion site generator for the Trà Vinh area.

The package is a set of plain libraries (one module per concept) with thin shells over them:
the MkDocs plugin in :mod:`travinh_site.plugin` and the command lines in ``scripts/``.
"""
