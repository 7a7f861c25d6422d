"""Editors' tools: a new page with its front matter and menu entry, a translation started as a
draft and finished with its stamp and menu label (:mod:`.scaffold`, behind
``scripts/new_page.py``, ``start_translation.py`` and ``finish_translation.py``).

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
