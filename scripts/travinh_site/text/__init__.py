"""Text and HTML, knowing nothing of the site: Khmer word segmentation with ICU (:mod:`.khmer`),
heading anchors and file names (:mod:`.slugs`), and the HTML tokeniser the page checks and
rewrites use (:mod:`.htmlscan`).

May import: nothing of this project (the standard library and third-party packages only).
"""
