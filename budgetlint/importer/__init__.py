"""`budgetlint import`: published documents (PDF, Excel) → disclosure format v1.

grid.py is the model both readers produce; pdf.py reads PDF pages; tables.py maps grids to the tables of a
profile; narrative.py splits the text into parts and sections; writer.py writes format v1 YAML.
"""
