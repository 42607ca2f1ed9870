"""mkdocs-gen-files script: one page per feature, the catalog index and the navigation, from `features.yaml`.

The pages are virtual (never written to `docs/`); their text comes from `openai_api.render`, which the tests
call directly. "Edit this page" on a feature page points at the catalog, where the card really lives.
"""

from __future__ import annotations

import mkdocs_gen_files

from openai_api import render
from openai_api.docs_plugin import current_session

session = current_session()
catalog, lang, target = session.catalog, session.lang, session.target

with mkdocs_gen_files.open("index.md", "w") as page:
    page.write(render.index_page(lang, target))
mkdocs_gen_files.set_edit_path("index.md", "features.yaml")

for feature in catalog.features:
    path = render.page_path(feature)
    with mkdocs_gen_files.open(path, "w") as page:
        page.write(render.feature_page(catalog, feature, lang, target))
    mkdocs_gen_files.set_edit_path(path, "features.yaml")

with mkdocs_gen_files.open("SUMMARY.md", "w") as nav:
    nav.write(render.summary_nav(catalog, lang))
