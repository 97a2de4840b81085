"""Writes of the Champion Countries Initiative, a module per concept (as `models/`); each checks
its rules and records an audit event."""
