"""Runs the rules: configuration, selection, plugins, suppression and baselines, the cache,
the worker pool, shards.
"""
