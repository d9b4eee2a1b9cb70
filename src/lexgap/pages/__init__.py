"""The site's pages: pure functions from the records of :mod:`lexgap.sitedata` to Markdown.

One module per kind of page (home, instruments, jurisdictions, offences, reports, downloads, reference);
:mod:`.registry` lists them, :mod:`lexgap.site` wires them into mkdocs. :mod:`.markup` makes data text
safe, :mod:`.paths` places pages and links them, :mod:`.status` draws statuses, :mod:`.svg` charts,
:mod:`.cite` the citation block, :mod:`.describe` requirements in words.
"""
