"""Stage 4, publish: the open files beside the pages.

HSDS 3.0 JSON, NDJSON and CSV exports, and iCalendar feeds.
May import: data, when, site (its wording).
"""
