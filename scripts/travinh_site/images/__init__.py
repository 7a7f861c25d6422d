"""The image pipeline: originals in ``assets/images/`` become what a phone should download.

One concept per module, each usable without MkDocs:

- ``settings``   what the pipeline produces (widths, qualities, limits, budgets) and the key
                 that changes when an output would change;
- ``metadata``   the sidecar ``<image>.yml`` (kind, credit, licence, source);
- ``svg``        the safety check an SVG passes before it is published as it is;
- ``encode``     one raster source -> its variants (runs in worker processes);
- ``pipeline``   discovery, cache, worker pool, stale outputs, budgets;
- ``progress``   a bar on a terminal, plain lines elsewhere;
- ``pages``      what pages say about images: alt text, the decorative syntax, raw HTML;
- ``markup``     ``<picture>``, ``<figure>`` and credits as an element tree;
- ``plugin``     the thin MkDocs plugin (``travinh-images``) over all of the above.

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
