"""What editors write, and everything checked about it before a page is built.

- :mod:`.languages`    the language table, the content folders, which page exists in which
                       language (the catalogue), which languages a build process renders
- :mod:`.frontmatter`  reading a page: UTF-8, newlines, the YAML front matter
- :mod:`.schema`       the front matter's fields, each mistake with its line and fix
- :mod:`.stamps`       translation stamps and states in the front matter
- :mod:`.links`        links and images in Markdown, resolved and checked, with suggestions
- :mod:`.navigation`   the menu in mkdocs.yml, read with lines and added to in place
- :mod:`.limits`       the Markdown shapes that would hang or crash the renderer
- :mod:`.source_files` the files a build may read: no link out of the project's folders, no
                       special file (a link to /proc/self/environ would publish secrets)
- :mod:`.glossary`     the glossary (assets/data/thuat-ngu.yml): one term per concept per
                       language, the data tables' units, the words that make a figure
- :mod:`.figures`      every figure of a page has a source line for it
- :mod:`.wording`      the glossary's checks on a page (variants to avoid, figures' sources)
- :mod:`.checks`       all of the above over every page; :mod:`.plugin` runs it first in a build
  (``travinh-checks``)

May import: :mod:`travinh_site.text`, :mod:`travinh_site.errors`.
"""
