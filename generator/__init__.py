"""Static site generator for council improvement plans: YAML and Markdown in, public website out."""

__version__ = "0.1.0"
