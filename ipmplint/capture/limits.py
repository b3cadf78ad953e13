"""Every size and count limit ipmplint enforces on its input, in one place.

Captures are text of a few kilobytes to a few megabytes (the largest is an ``ldm list
-l`` of a big server); anything far larger is not a capture, or is hostile. Each limit
is reported when it bites, naming the file, and the run goes on with the rest.
"""

#: The largest capture file read, in bytes (``--max-file-size`` changes it).
MAX_FILE_SIZE = 64 * 1024 * 1024

#: How deep a fleet folder is walked for capture roots.
MAX_DEPTH = 8

#: How much of a file whose name says nothing is read to recognise it.
SNIFF_BYTES = 8192

#: At most this many members are read from one tar archive.
MAX_ARCHIVE_MEMBERS = 100_000

#: At most this many bytes (decompressed) are read from one tar archive.
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024

#: At most this many bytes are held in memory for all the tar archives of one run.
MAX_RUN_ARCHIVE_BYTES = 1024 * 1024 * 1024

#: At most this many parse warnings are kept per file; the rest are counted in one more.
MAX_WARNINGS_PER_FILE = 100

#: A line that stops a parser is taken out and the file read again: at most this many
#: times a file, and never past this many characters read again in all (a large file
#: full of such lines is given up, not parsed twenty times).
MAX_LINE_RETRIES = 20
MAX_RETRY_CHARS = 16 * 1024 * 1024
