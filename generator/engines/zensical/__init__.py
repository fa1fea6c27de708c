"""The Zensical engine: the site built by Zensical from the core's finished pages (`build`).

`python -m generator.engines.zensical build` (what `scripts/build-site --engine zensical`
runs) and `… serve` (a live preview that follows edits to plans and pages)."""
