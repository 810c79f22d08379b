"""The README's command-line section says what `argmap.cli.build_parser()` does: every
command in the table with its arguments, none extra, and every option it names is real.

A new command needs one README row; a new option, a mention in the section. The editor's
shortcut table is checked against the action table in tests/gui/test_docs_shortcuts.py.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from argmap.cli import _gui_parser, build_parser
from argmap.formats import registry

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's text under `## title`, up to the next `## ` heading."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else len(README)]


def table_rows(text: str) -> list[list[str]]:
    """The cells of the first Markdown table in `text`, header and rule left out."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[2:]]


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _arguments(parser: argparse.ArgumentParser) -> list[str]:
    """What a usage line must show: the positionals' metavars, then each required option."""
    words = [a.metavar or a.dest.upper() for a in parser._actions
             if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]
    for a in parser._actions:
        if a.option_strings and a.required:
            words += [a.option_strings[0], a.metavar or a.dest.upper()]
    return words


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings if s.startswith("--")}


COMMANDS = section("Command line")
USAGES = [cells[0].strip("`").split() for cells in table_rows(COMMANDS)]


def test_the_command_table_lists_every_command_with_its_arguments_and_no_other():
    commands = _subcommands(build_parser())
    documented: dict[str, list[str]] = {}
    opening: list[list[str]] = []
    for usage in USAGES:
        assert usage[0] == "argmap", usage
        if len(usage) > 1 and not usage[1].isupper():  # a command name, not FILE
            assert usage[1] not in documented, f"two rows for {usage[1]}"
            documented[usage[1]] = [w for w in usage[2:] if not w.startswith("[")]
        else:
            opening.append(usage[1:])
    assert set(documented) == set(commands), "README rows vs build_parser()'s commands"
    for name, words in documented.items():
        assert words == _arguments(commands[name]), f"the README's `argmap {name}` row"
    assert sorted(opening) == [[], _arguments(_gui_parser())]  # `argmap` and `argmap FILE`


def test_every_option_the_section_names_exists_and_every_option_is_named():
    spans = re.findall(r"`([^`]+)`", COMMANDS)
    named = {m for span in spans for m in re.findall(r"(?<![\w-])--[a-z][a-z-]*", span)}
    parser = build_parser()
    commands = _subcommands(parser)
    real = _options(parser).union(*(_options(p) for p in commands.values()))
    assert named <= real, f"the README names options argmap does not have: {named - real}"
    for name, sub in commands.items():
        for action in sub._actions:
            long = [s for s in action.option_strings if s.startswith("--")]
            if long and action.dest != "help" and not action.required:
                assert named & set(long), f"`argmap {name}` {long[0]} is not in the README"


def test_the_choices_the_section_lists_are_the_parsers():
    """`--layout a|b|c` in the README: exactly the parser's choices, in its order."""
    options = {s: a for p in _subcommands(build_parser()).values() for a in p._actions
               for s in a.option_strings}
    listed = re.findall(r"`(--[a-z-]+) ([\w-]+(?:\|[\w-]+)+)`", COMMANDS)
    assert listed, "the README lists no option choices any more: drop this test"
    for option, choices in listed:
        assert choices.split("|") == list(options[option].choices or ()), option


def test_the_export_row_lists_every_format_argmap_writes():
    [row] = [cells for cells in table_rows(COMMANDS) if cells[0].startswith("`argmap export ")]
    suffixes = re.findall(r"`(\.[a-z.]+)`", row[1])
    assert sorted(suffixes) == sorted(registry.output_suffixes())
