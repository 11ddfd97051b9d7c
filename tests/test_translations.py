"""Every user-visible string has a Chinese translation in perf_budget/locale/zh.po.

Tier 1: plain pytest, no Frappe, no babel. What counts as user-visible is
defined in tests/static_checks.py (extract_messages). To fix a failure:

	python3 scripts/translations.py missing > todo.tsv   # add "<TAB>译文" to each line
	python3 scripts/translations.py add todo.tsv
"""

from collections import Counter

import pytest
import static_checks as sc

FIX = "run `python3 scripts/translations.py missing`, translate, then `python3 scripts/translations.py add FILE.tsv`"


@pytest.fixture(scope="module")
def extraction():
	return sc.extract_messages()


@pytest.fixture(scope="module")
def entries():
	if not sc.ZH_PO.exists():
		pytest.fail(
			f"{sc.rel(sc.ZH_PO)} is missing; create it with `python3 scripts/translations.py init`",
			pytrace=False,
		)
	try:
		return sc.read_po(sc.ZH_PO)
	except sc.PoError as e:
		pytest.fail(f"{sc.rel(sc.ZH_PO)}: {e}", pytrace=False)


def test_sources_readable(extraction):
	assert not extraction.errors, "cannot extract strings from:\n  " + "\n  ".join(extraction.errors)
	assert extraction.messages, "no translatable string found at all"


def test_po_header(entries):
	header = sc.header_fields(entries)
	assert header.get("Language") == "zh", (
		f"{sc.rel(sc.ZH_PO)}: header needs 'Language: zh', has {header.get('Language')!r}"
	)
	assert "charset=utf-8" in header.get("Content-Type", "").lower().replace(" ", ""), (
		f"{sc.rel(sc.ZH_PO)}: header needs 'Content-Type: text/plain; charset=UTF-8'"
	)


def test_po_has_no_duplicate_msgids(entries):
	counts = Counter(e.key for e in entries)
	duplicates = [f"{msgid!r} (context {ctxt!r})" for (ctxt, msgid), n in counts.items() if n > 1]
	assert not duplicates, f"{sc.rel(sc.ZH_PO)}: msgids listed more than once:\n  " + "\n  ".join(duplicates)


def test_every_string_is_translated(extraction, entries):
	done = sc.translated_msgids(entries)
	missing = sorted(m for m in extraction.messages if m not in done)
	if missing:
		lines = [f"{sc.tsv_escape(m)}    <- {extraction.messages[m][0]}" for m in missing]
		pytest.fail(
			f"{len(missing)} of {len(extraction.messages)} strings have no (non-fuzzy, non-empty) msgstr in "
			f"{sc.rel(sc.ZH_PO)}; {FIX}:\n  " + "\n  ".join(lines),
			pytrace=False,
		)


def test_translations_keep_placeholders(entries):
	bad = []
	for e in entries:
		if not e.msgid:
			continue
		for msgstr in e.translations:
			if msgstr and sc.placeholders(e.msgid) != sc.placeholders(msgstr):
				bad.append(
					f"line {e.line}: {e.msgid!r} has {sc.placeholders(e.msgid)}, {msgstr!r} has {sc.placeholders(msgstr)}"
				)
	assert not bad, f"{sc.rel(sc.ZH_PO)}: translations must keep the msgid's placeholders:\n  " + "\n  ".join(
		bad
	)


def test_frappe_overrides_translate_with_the_same_placeholders(entries):
	"""Entries marked "#. frappe" replace Frappe's own zh (the desk shows ours)."""
	overrides = [e for e in entries if e.frappe_override]
	assert overrides, f"{sc.rel(sc.ZH_PO)}: no entry is marked {sc.FRAPPE_MARK!r}"
	bad = [
		f"line {e.line}: {e.msgid!r} -> {e.msgstr!r}"
		for e in overrides
		if not e.translated or e.msgstr == e.msgid or sc.placeholders(e.msgid) != sc.placeholders(e.msgstr)
	]
	assert not bad, (
		f"{sc.rel(sc.ZH_PO)}: a translation of a Frappe string must differ from it, not be fuzzy, "
		"and keep the msgid's placeholders:\n  " + "\n  ".join(bad)
	)


# --- the tooling itself ----------------------------------------------------


def test_po_round_trip():
	tricky = ['He said "hi"\\', "two\nlines\tand tab", "Row {0}: {1} → {2}", "计量单位"]
	original = [sc.PoEntry(msgid=t, msgstr=f"译 {t}") for t in tricky]
	original.append(sc.PoEntry(msgid="Draft", msgstr="草稿", flags=["fuzzy"]))
	text = sc.format_po(original)
	parsed = sc.parse_po(text)
	assert sc.header_fields(parsed)["Language"] == "zh"
	body = {e.msgid: e for e in parsed if e.msgid}
	assert {k: v.msgstr for k, v in body.items()} == {e.msgid: e.msgstr for e in original}
	assert body["Draft"].fuzzy and "Draft" not in sc.translated_msgids(parsed)
	assert sc.format_po(parsed, sc.header_fields(parsed)) == text


def test_frappe_mark_round_trips(tmp_path, capsys):
	"""`add --frappe` marks the entries, the mark survives a rewrite, `obsolete` leaves them out."""
	import translations

	po, tsv = tmp_path / "zh.po", tmp_path / "frappe.tsv"
	tsv.write_text("List View\t列表视图\n{0} m\t{0}分钟\n", encoding="utf-8")
	assert translations.main(["--po", str(po), "add", "--frappe", str(tsv)]) == 0
	entries = {e.msgid: e for e in sc.read_po(po)}
	assert entries["{0} m"].frappe_override and entries["{0} m"].msgstr == "{0}分钟"
	tsv.write_text("Total\t合计\nm\t分\tMinutes (Field: Duration)\n", encoding="utf-8")
	assert translations.main(["--po", str(po), "add", "--frappe", str(tsv)]) == 0
	entries = {e.key: e for e in sc.read_po(po)}
	assert entries[("Minutes (Field: Duration)", "m")].msgstr == "分"
	assert sum(e.frappe_override for e in entries.values()) == 4
	capsys.readouterr()
	assert translations.main(["--po", str(po), "obsolete"]) == 0
	assert capsys.readouterr().out == ""


def test_po_parser_reads_multiline_and_context():
	text = '\n'.join([
		'msgid ""', 'msgstr ""', '"Language: zh\\n"', "",
		"#: some/file.py:1", 'msgctxt "Workflow"', 'msgid ""', '"Sub"', '"mit"', 'msgstr "提交"', "",
		'#~ msgid "Old"', '#~ msgstr "旧"', "",
		'msgid "One"', 'msgid_plural "Many"', 'msgstr[0] "个"',
	])  # fmt: skip
	entries = {e.key: e for e in sc.parse_po(text)}
	assert entries[("Workflow", "Submit")].msgstr == "提交"
	assert entries[(None, "One")].translations == ["个"]
	assert (None, "Old") not in entries
	with pytest.raises(sc.PoError):
		sc.parse_po('msgid "a"\nmsgstr "b\\q"')


def test_tsv_escaping_round_trips():
	for text in ["a\tb", "a\nb", "back\\slash", "a\\nb literal"]:
		assert sc.tsv_unescape(sc.tsv_escape(text)) == text
		assert "\t" not in sc.tsv_escape(text) and "\n" not in sc.tsv_escape(text)


def test_rules_messages_heuristic(extraction):
	"""Keys the rules return for _() are extracted; docstrings and plain values are not."""
	where = {m: " ".join(w) for m, w in extraction.messages.items()}
	for expected in (
		"Unknown grade {0}",  # ScoringError(message, …)
		"Row {0}: enter the indicator name",  # _error(row, message)
		"The goal needs at least one {0} indicator",  # Finding(…, message, …)
		"Level-1 weights must add up to 100, they add up to {0}",  # (message, args) pair
		"Rectification not done or overdue: cut the project's budget",  # *_REASON constant
	):
		assert expected in extraction.messages, f"rules message not extracted: {expected!r}"
		assert "perf_budget/rules/" in where[expected]
	rules_only = {m for m, w in where.items() if w.startswith("perf_budget/rules/")}
	assert not any("``message``" in m for m in rules_only), "a docstring was taken for a message"
	assert "Staffing" not in rules_only, "DEVIATION_REASONS values are choices, not messages"


def test_js_and_jinja_literals():
	assert sc.js_unquote(r'"It\'s \"ok\"\n"') == 'It\'s "ok"\n'
	found = [
		sc.js_unquote(m.group(1)) for m in sc.JS_CALL.finditer("__('A') + __(\"B {0}\", [x]) + my__('C')")
	]
	assert found == ["A", "B {0}"]
	assert (
		sc.workspace_header_text('<span class="h4"><b>Reports &amp; Masters</b></span>')
		== "Reports &amp; Masters"
	)
