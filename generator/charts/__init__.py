"""Stage 5, charts: which charts each page shows (`specs`), what they are (`kinds`), the
sentence and the numbers that go with each (`words`, `numbers`), their drawing (`drawing`,
`svg`), kept in a cache keyed by their data (`cache`) and drawn in the background (`jobs`).

Nothing is conveyed by a picture alone: every chart has a plain-English sentence written from
its data and the table of exactly the numbers drawn. matplotlib is imported only when a chart
is drawn, so importing these modules stays cheap.
"""
