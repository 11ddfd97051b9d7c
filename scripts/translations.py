#!/usr/bin/env python3
"""Chinese (zh) translations of the app: find what is missing, merge new ones.

	python3 scripts/translations.py missing            # msgids without a zh translation, one per line
	python3 scripts/translations.py missing --where    # … followed by a TAB and where each was found
	python3 scripts/translations.py add FILE.tsv       # merge "msgid<TAB>msgstr" lines into zh.po ("-" = stdin)
	python3 scripts/translations.py add --frappe FILE.tsv   # … of Frappe's own strings (marked "#. frappe")
	python3 scripts/translations.py obsolete           # msgids in zh.po the app no longer uses
	python3 scripts/translations.py init               # create perf_budget/locale/zh.po (header only) if absent

Strings are extracted without Frappe (see tests/static_checks.py for what
counts as user-visible, including the perf_budget/rules message heuristic).
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
zh.po is rewritten sorted, with a header that says Language: zh, UTF-8.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import static_checks as sc


def cmd_missing(args) -> int:
	ex = sc.extract_messages()
	for error in ex.errors:
		print(f"warning: {error}", file=sys.stderr)
	missing = sc.missing_translations(ex, args.po)
	for msgid in missing:
		line = sc.tsv_escape(msgid)
		if args.where:
			line += "\t" + "; ".join(ex.messages[msgid])
		print(line)
	print(f"{len(missing)} of {len(ex.messages)} strings have no zh translation", file=sys.stderr)
	return 0


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
		msgid, msgstr, *context = (sc.tsv_unescape(cell) for cell in cells)
		if not msgid:
			errors.append(f"{path}:{lineno}: empty msgid")
		elif not msgstr.strip():
			errors.append(f"{path}:{lineno}: empty translation for {msgid!r}")
		elif sc.placeholders(msgid) != sc.placeholders(msgstr):
			errors.append(
				f"{path}:{lineno}: placeholders differ: {msgid!r} has {sc.placeholders(msgid)}, "
				f"{msgstr!r} has {sc.placeholders(msgstr)}"
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


def load_catalog(po: Path) -> list[sc.PoEntry]:
	return sc.read_po(po) if po.exists() else []


def write_catalog(po: Path, entries: list[sc.PoEntry]) -> None:
	po.parent.mkdir(parents=True, exist_ok=True)
	header = sc.header_fields(entries)
	header.pop("PO-Revision-Date", None)  # now
	po.write_text(sc.format_po(entries, header), encoding="utf-8")


def cmd_add(args) -> int:
	pairs, errors = read_tsv(args.tsv)
	if errors:
		print("\n".join(errors), file=sys.stderr)
		print("nothing written", file=sys.stderr)
		return 1
	entries = load_catalog(args.po)
	by_key = {e.key: e for e in entries}
	known = sc.extract_messages().messages
	added = updated = 0
	for msgid, msgstr, msgctxt in pairs:
		entry = by_key.get((msgctxt, msgid))
		if entry is None:
			entry = sc.PoEntry(msgid=msgid, msgstr=msgstr, msgctxt=msgctxt)
			entries.append(entry)
			by_key[entry.key] = entry
			added += 1
		else:
			updated += entry.msgstr != msgstr or entry.fuzzy
			entry.msgstr = msgstr
			entry.flags = [f for f in entry.flags if f != "fuzzy"]
		if args.frappe and not entry.frappe_override:
			entry.comments.append(sc.FRAPPE_MARK)
		if msgid not in known and not entry.frappe_override:
			print(f"note: {msgid!r} is not a string the app uses (kept anyway)", file=sys.stderr)
	write_catalog(args.po, entries)
	print(f"{sc.rel(args.po)}: {added} added, {updated} changed", file=sys.stderr)
	return 0


def cmd_obsolete(args) -> int:
	known = sc.extract_messages().messages
	for entry in load_catalog(args.po):
		if entry.msgid and entry.msgctxt is None and entry.msgid not in known and not entry.frappe_override:
			print(sc.tsv_escape(entry.msgid))
	return 0


def cmd_init(args) -> int:
	if args.po.exists():
		print(f"{sc.rel(args.po)} exists; left alone", file=sys.stderr)
		return 0
	write_catalog(args.po, [])
	print(f"created {sc.rel(args.po)}", file=sys.stderr)
	return 0


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument(
		"--po", type=Path, default=sc.ZH_PO, help="PO file (default: perf_budget/locale/zh.po)"
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
	except sc.PoError as e:
		print(f"{sc.rel(args.po)}: {e}", file=sys.stderr)
		return 2


if __name__ == "__main__":
	sys.exit(main())
