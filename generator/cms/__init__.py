"""The editing interface at /admin/ (Decap CMS): its form and configuration, generated from the
plans; its files for the built site; and a local backend that saves edits into this copy of
the repository. The browser side (our file format and widgets) is in `admin/src/`."""
