"""Structured data: records kept in YAML under ``assets/data/``, shown on pages in every language.

Editors keep one record per item (an investment area, a product, an event, a place) with its
texts in every language and its source. The modules, one concept each:

- :mod:`.schema` which datasets exist and which fields their records have;
- :mod:`.records` reading and checking the YAML files (errors name the file and line);
- :mod:`.formatting` numbers, quantities and dates per locale with Babel;
- :mod:`.khmer_calendar` the Khmer lunar calendar (Ok Om Bok's full moon of Kattik);
- :mod:`.schedule` which occurrences of the events are shown as of the build's date (announced,
  expected for the current year and the next two, upcoming);
- :mod:`.blocks` the ``{{ dataset }}`` lines editors put in pages, rendered as HTML;
- :mod:`.exports` iCalendar feeds, CSV and JSON downloads;
- :mod:`.jsonld` schema.org JSON-LD for page heads;
- :mod:`.plugin` the MkDocs plugin (``travinh-data``) that wires them into the build.

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
