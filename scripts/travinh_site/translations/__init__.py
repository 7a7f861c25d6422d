"""What is left to translate, and what went wrong in translations.

- :mod:`.coverage`     each page's state per language (translated, stale, missing, draft,
                       orphan), its figures, the report of the whole site
- :mod:`.checks`       the content checks of a translation against its source (numbers, links,
                       images, headings...); :mod:`.quantities` reads numbers and dates
- :mod:`.history`, :mod:`.source_diff`  what changed in a source since it was translated (git)
- :mod:`.cache`        analyses kept by content hash
- :mod:`.report`       the report as text, Markdown, JSON (``schemas/``) or the HTML dashboard
                       (``templates/``)
- :mod:`.plugin`       ``travinh-coverage``: the dashboard in the built site (options in
                       :mod:`.config`)

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
