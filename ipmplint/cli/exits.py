"""The exit codes: a contract with every script and CI job that runs ipmplint.

0 no finding at or above ``--fail-on`` (or ``--exit-zero``); 1 findings; 2 a usage
error, an input path that cannot be read at all, an output that cannot be written, or a
rule that cannot be loaded; 3 an internal error (a bug in ipmplint); 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

EPILOG = (
    "exit codes: 0 clean; 1 findings; 2 usage error, unusable input or output, rule not loaded; "
    "3 internal error (run again with --debug and report it); 130 interrupted; 143 terminated"
)
