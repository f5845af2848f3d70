"""Seriktes graph layer: Neo4j data access, the importer and networkx analytics.

Knows Neo4j and networkx, nothing of GraphQL. Functions take a :class:`graph.db.Database` first.
"""
