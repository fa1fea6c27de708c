"""Spreadsheets in and out: `python -m generator export` and `python -m generator import`.

One module per job: `columns` (what each column holds), `cellyaml` (YAML and lists held in a
cell), `export` (a plan as a sheet for Excel), `tables` (reading a sheet's cells and header),
`exceldates` (dates as Excel prints them), `mapping` (mapping files), `rows` (rows into
recommendations, actions, milestones and progress), `importer` (sheets into files), `merge`
(into files that exist), `rewrite` (edits in place, keeping every other line) and `summary`
(what changed, in plain words).
"""

from __future__ import annotations

from generator.spreadsheets.cellyaml import to_yaml
from generator.spreadsheets.exceldates import printed_date
from generator.spreadsheets.export import export_plan
from generator.spreadsheets.importer import ImportResult, Written, import_spreadsheet
from generator.spreadsheets.rows import parse_percent
from generator.spreadsheets.tables import Cell

__all__ = ["Cell", "ImportResult", "Written", "export_plan", "import_spreadsheet", "parse_percent", "printed_date",
           "to_yaml"]
