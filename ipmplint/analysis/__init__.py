"""What rules ask of a domain or server beyond the model: group membership, probing,
routing, runtime state.
"""
