"""Publications on paper: the PDF brochures of each language, and printed pages.

- :mod:`.document` a brochure's HTML from the pages' own rendered content;
- :mod:`.pdf` that HTML to PDF with WeasyPrint (fonts embedded and subset, nothing fetched);
- :mod:`.actual_text` exact Khmer text in the PDF (search, copy, pdftotext);
- :mod:`.cache` brochures already made, by the hash of their document;
- :mod:`.printing` each link's address, written after it on a printed page;
- :mod:`.config`, :mod:`.plugin` the MkDocs plugin (``travinh-brochures``).

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
