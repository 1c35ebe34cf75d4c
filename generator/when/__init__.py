"""Stage 2, when: dated occurrences from hours rules, exceptions and closures.

Rule expansion, the agenda of the house, the build date and how old the
facts are on it.
May import: data.
"""
