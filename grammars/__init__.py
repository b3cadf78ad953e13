"""The lark grammars of every capture format, shipped inside the package as data."""
