"""mkdocs hooks, named in mkdocs.yml (``hooks:``): lexgap's generated pages enter the build here.

Wiring only; the functions live in :mod:`lexgap.site`.
"""

from lexgap.site import (  # noqa: F401
    on_build_error,
    on_config,
    on_files,
    on_page_content,
    on_page_markdown,
    on_post_build,
)
