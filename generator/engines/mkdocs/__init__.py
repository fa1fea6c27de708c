"""The MkDocs adapter: the `plans` plugin (`plugin`), the staging folder a build writes into
(`staging`), pages and tables of contents as MkDocs wants them (`pages`), and its logs (`logs`)."""
