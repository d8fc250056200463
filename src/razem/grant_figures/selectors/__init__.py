"""Reads of the grant figures: aggregates only, each page in a fixed number of queries.

- ``figures``: the figures of a budget year (``year_figures``) and the years that have any (``figure_years``);
- ``path``: the path of one call for its public page (``call_path``);
- ``scope``: what counts (published calls, filed offers, published awards) and the reports app's models.
"""
