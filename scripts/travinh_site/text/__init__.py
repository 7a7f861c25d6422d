"""Text and HTML, knowing nothing of the site: Khmer word segmentation with ICU (:mod:`.khmer`),
heading anchors and file names (:mod:`.slugs`), HTML as browsers parse it for the checks of
what runs (:mod:`.html5`: the content safety check, the policy's hashes), the offsets of a
page's tokens for the rewrites that keep every other byte (:mod:`.htmlscan`), and the full
fonts the social cards and PDF brochures are drawn with (:mod:`.fonts`).

May import: nothing of this project (the standard library and third-party packages only).
"""
