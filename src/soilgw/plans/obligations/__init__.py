"""The obligation engine shared by every registry: rules as data, obligations as stored decisions.

``rules`` parses and validates the rule file; ``engine`` computes ``Obligation`` records (``models``) against
the platform clock; ``views`` and ``api`` show them.
"""
