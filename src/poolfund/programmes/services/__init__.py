"""Writes of the programme cycle, a module per concept (concept notes, their transitions,
Joint Programmes and their budget lines, transfers, expenditure); each checks its rules and
records an audit event."""
