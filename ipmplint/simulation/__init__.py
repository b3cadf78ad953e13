"""``ipmplint simulate``: fail every part of each server and show who keeps the network.

Data flows as for ``check``: the loaded server and its topology (ipmplint.topology) go
into the engine (``engine``), which asks the topology its path questions (``reach``) and
the same helpers the rules use, and yields frozen scenarios and effects (``model``);
the reporters (``text``, ``json_report``, ``markdown``) render them. See docs/simulate.md.
"""
