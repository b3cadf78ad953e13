"""Files in: find capture directories and archives, name each file's kind, read it within
limits, hand it to its parser.
"""
