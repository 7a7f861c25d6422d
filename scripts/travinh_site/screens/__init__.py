"""Information screens: a page per language for the electronic display boards of the
province's plan (section II.8), cycling through the highlights of the site's data.

- :mod:`.slides` what the screen shows: places, produce, the investment areas' key figures,
  the events to come and the yearly festivals, each with its source;
- :mod:`.page` the page's HTML (``templates/screen.html``); its script and style are
  ``assets/javascripts/screen.js`` and ``assets/stylesheets/screen.css``;
- :mod:`.config`, :mod:`.plugin` the MkDocs plugin (``travinh-screens``).

It reads the structured data (:mod:`travinh_site.data`), so it sits on the layer above the
capabilities: it may import them, :mod:`travinh_site.site`, :mod:`travinh_site.content`,
:mod:`travinh_site.text` and :mod:`travinh_site.errors`.
"""
