#!/usr/bin/env python3
"""Chinese (zh) translations of the app: find what is missing, merge new ones.

	python3 scripts/translations.py missing            # msgids without a zh translation, one per line
	python3 scripts/translations.py missing --where    # … followed by a TAB and where each was found
	python3 scripts/translations.py add FILE.tsv       # merge "msgid<TAB>msgstr" lines into zh.po ("-" = stdin)
	python3 scripts/translations.py add --frappe FILE.tsv   # … of Frappe's own strings (marked "#. frappe")
	python3 scripts/translations.py obsolete           # msgids in zh.po the app no longer uses
	python3 scripts/translations.py init               # create perf_budget/locale/zh.po (header only) if absent

Strings are extracted without Frappe (see scripts/app_strings.py for what
counts as user-visible, including the perf_budget/rules message heuristic);
zh.po is read and written with Babel (scripts/zh_po.py). Run it with the
tier-1 Python (tests/requirements.txt has Babel and openpyxl).
In `missing` output and TSV files a backslash, tab and newline inside a
string are written \\\\, \\t and \\n, so `missing > todo.tsv`, then appending
"<TAB>译文" to each line, gives a file `add` accepts.

`add` rejects the whole file (writing nothing) when a line has no TAB, an
empty translation, or placeholders ({0}, {1}, …) that differ from the msgid.
A msgid already in zh.po gets the new translation (its fuzzy flag dropped).
`--frappe` marks the entries as translations of Frappe's own strings (the
app's zh.po wins over Frappe's catalogue): `obsolete` leaves them out. A
third cell gives a msgctxt, for Frappe strings its catalogue translates per
context (`m<TAB>分<TAB>Minutes (Field: Duration)`).
zh.po is rewritten sorted by msgid, lines unwrapped.
"""

import argparse
import sys
from pathlib import Path

import zh_po
from app_files import ROOT, rel
from app_strings import extract_messages
from babel.messages.pofile import PoFileError


def cmd_missing(args) -> int:
	ex = extract_messages()
	for error in ex.errors:
		print(f"warning: {error}", file=sys.stderr)
	missing = zh_po.missing_translations(ex.messages, args.po)
	for msgid in missing:
		line = tsv_escape(msgid)
		if args.where:
			line += "\t" + "; ".join(ex.messages[msgid])
		print(line)
	print(f"{len(missing)} of {len(ex.messages)} strings have no zh translation", file=sys.stderr)
	return 0


# TSV cells ("msgid<TAB>msgstr"): \\, \t and \n escaped.
def tsv_escape(text: str) -> str:
	return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def tsv_unescape(text: str) -> str:
	out, i = [], 0
	while i < len(text):
		if text[i] == "\\" and i + 1 < len(text):
			out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(text[i + 1], "\\" + text[i + 1]))
			i += 2
		else:
			out.append(text[i])
			i += 1
	return "".join(out)


def read_tsv(path: str) -> tuple[list[tuple[str, str, str | None]], list[str]]:
	text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
	pairs, errors = [], []
	for lineno, line in enumerate(text.splitlines(), 1):
		if not line.strip() or line.startswith("#"):
			continue
		cells = line.split("\t")
		if len(cells) not in (2, 3):
			errors.append(
				f"{path}:{lineno}: expected msgid<TAB>msgstr[<TAB>msgctxt], found {len(cells)} cell(s)"
			)
			continue
		msgid, msgstr, *context = (tsv_unescape(cell) for cell in cells)
		if not msgid:
			errors.append(f"{path}:{lineno}: empty msgid")
		elif not msgstr.strip():
			errors.append(f"{path}:{lineno}: empty translation for {msgid!r}")
		elif zh_po.placeholders(msgid) != zh_po.placeholders(msgstr):
			errors.append(
				f"{path}:{lineno}: placeholders differ: {msgid!r} has {zh_po.placeholders(msgid)}, "
				f"{msgstr!r} has {zh_po.placeholders(msgstr)}"
			)
		elif msgid.startswith("\n") != msgstr.startswith("\n") or msgid.endswith("\n") != msgstr.endswith(
			"\n"
		):
			errors.append(
				f"{path}:{lineno}: msgid and msgstr must both (or neither) begin and end with a newline"
			)
		else:
			pairs.append((msgid, msgstr, context[0] if context else None))
	return pairs, errors


def load_catalog(po: Path) -> zh_po.ZhCatalog:
	return zh_po.read(po) if po.exists() else zh_po.new_catalog()


def cmd_add(args) -> int:
	pairs, errors = read_tsv(args.tsv)
	if errors:
		print("\n".join(errors), file=sys.stderr)
		print("nothing written", file=sys.stderr)
		return 1
	catalog = load_catalog(args.po)
	known = extract_messages().messages
	added = updated = marked = 0
	for msgid, msgstr, msgctxt in pairs:
		entry = catalog.get(msgid, msgctxt)
		if entry is None:
			entry = catalog.add(msgid, msgstr, context=msgctxt)
			added += 1
		else:
			updated += entry.string != msgstr or entry.fuzzy
			entry.string = msgstr
			entry.flags.discard("fuzzy")
		if args.frappe and not zh_po.is_frappe_override(entry):
			entry.auto_comments.append(zh_po.FRAPPE_MARK)
			marked += 1
		if msgid not in known and not zh_po.is_frappe_override(entry):
			print(f"note: {msgid!r} is not a string the app uses (kept anyway)", file=sys.stderr)
	if added or updated or marked:  # else the file stays as it is, revision date included
		zh_po.write(catalog, args.po)
	print(f"{rel(args.po)}: {added} added, {updated} changed", file=sys.stderr)
	return 0


def cmd_obsolete(args) -> int:
	known = extract_messages().messages
	for entry in zh_po.entries(load_catalog(args.po)):
		if entry.context is None and entry.id not in known and not zh_po.is_frappe_override(entry):
			print(tsv_escape(entry.id))
	return 0


def cmd_init(args) -> int:
	if args.po.exists():
		print(f"{rel(args.po)} exists; left alone", file=sys.stderr)
		return 0
	zh_po.write(zh_po.new_catalog(), args.po)
	print(f"created {rel(args.po)}", file=sys.stderr)
	return 0


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument(
		"--po", type=Path, default=zh_po.ZH_PO, help="PO file (default: perf_budget/locale/zh.po)"
	)
	sub = parser.add_subparsers(dest="command", required=True)
	missing = sub.add_parser("missing", help="print msgids without a translation")
	missing.add_argument("--where", action="store_true", help="also print where each string was found")
	missing.set_defaults(func=cmd_missing)
	add = sub.add_parser("add", help="merge msgid<TAB>msgstr lines into the PO file")
	add.add_argument("tsv", help='TSV file, or "-" for stdin')
	add.add_argument("--frappe", action="store_true", help="the msgids are Frappe's own strings")
	add.set_defaults(func=cmd_add)
	sub.add_parser("obsolete", help="print msgids in the PO file the app no longer uses").set_defaults(
		func=cmd_obsolete
	)
	sub.add_parser("init", help="create the PO file with just a header").set_defaults(func=cmd_init)
	args = parser.parse_args(argv)
	try:
		return args.func(args)
	except PoFileError as e:
		print(f"{rel(args.po)}:{e.lineno + 1}: {e}: {e.line!r}", file=sys.stderr)
		return 2


if __name__ == "__main__":
	# Run by its path, Python sees only scripts/; the extraction imports the app's form modules.
	sys.path.insert(0, str(ROOT))
	sys.exit(main())
