"""Search in every language: one index per language, written by the build, read by the
browser scripts in ``assets/javascripts/search/``.

- :mod:`.index`   the index of one language: Material's sections, Khmer words cut with
                  :mod:`travinh_site.text.khmer`, Vietnamese folded in the browser, the
                  ``__config`` each page's search reads
- :mod:`.plugin`  ``travinh-search`` (options in :mod:`.config`), in place of Material's
                  ``search``

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
