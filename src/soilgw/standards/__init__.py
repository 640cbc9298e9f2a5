"""Versioned, machine-readable tables of the standards SoilGW judges against (no Django)."""
