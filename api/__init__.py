"""Seriktes API: Strawberry GraphQL on Starlette and the ``seriktes`` CLI; calls ``graph``."""
