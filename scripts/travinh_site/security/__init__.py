"""What protects visitors and the build machine from what a page could carry.

- :mod:`.safety`        what a page's HTML may not contain: scripts, frames, remote loads...
- :mod:`.headers`       the Content-Security-Policy (hashes of the inline scripts) and the
                        other HTTP headers, as ``_headers`` and as ``<meta>`` in each page
- :mod:`.plugin`        ``travinh-security`` (options in :mod:`.config`); it also stops a build
                        on the files :mod:`travinh_site.content.source_files` refuses

May import: :mod:`travinh_site.site`, :mod:`travinh_site.content`, :mod:`travinh_site.text`,
:mod:`travinh_site.errors`; no other capability.
"""
