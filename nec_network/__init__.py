"""nec-network: map the digital-inclusion ecosystem of the Pays picards.

The package is organised as one-way stages: ``territory`` (embedded reference
data) and ``model`` (actors, partnerships, ecosystem) feed ``io`` and
``geocoding``, which feed ``analysis``, which feeds ``views``.
"""

__version__ = "0.1.0"
