"""The whole build, above every capability: :mod:`.build` runs one ``mkdocs build`` per language
in parallel, merges their outputs (and the HTTP headers each saw) and puts the new site in
place atomically.

May import: anything of this project.
"""
