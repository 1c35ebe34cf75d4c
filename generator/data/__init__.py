"""Stage 1, data: map/*.yaml read with line numbers, checked, and held as a Dataset.

Errors, YAML loading and its limits, Dutch messages, the record schema, cross-record checks,
the mentoring records, the Dataset and the JSON Schema export.
May import: nothing of ours.
"""
