"""Stage 6, render: turn the model into pages (HTML bodies with titles and tables of contents).

One module per kind of page (`overview`, `plan`, `recommendation`, `update`, `pack`), the
tables of items they share (`rows`), the exceptions (`exceptions`), what every page shares
(`common`), and the whole site (`site`, whose `render_site` is the stage).
"""
