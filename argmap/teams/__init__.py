"""Teammates' versions of one map: compare (diff) and merge them node by node (no Qt).

Node ids are stable across copies of a map, so two versions can be matched node by node
and field by field instead of line by line. Everything here works on validated
`ArgumentMap`s and is iterative: a 5,000-deep chain costs what a bushy tree does.
"""
