"""The site: the MkDocs plugin, the build session, the generated pages, the matrix and the guides list."""
