"""The site engines that turn the generator's pages into a website: MkDocs with Material for
MkDocs (the default, as a plugin, `mkdocs`) and Zensical (its maintained successor, `zensical`).

The core (`generator.pipeline` and everything it calls) knows nothing of either; each engine's
code stays in its own package here.
"""
