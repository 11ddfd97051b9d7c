"""Every user-visible string has a Chinese translation in perf_budget/locale/zh.po.

Tier 1: plain pytest, no Frappe; zh.po is read with Babel. What counts as
user-visible is defined in scripts/app_strings.py (extract_messages). To fix a failure:

	python3 scripts/translations.py missing > todo.tsv   # add "<TAB>译文" to each line
	python3 scripts/translations.py add todo.tsv
"""

import pytest
import translations
import zh_po
from app_files import rel
from app_strings import JS_CALL, extract_messages, js_unquote, workspace_header_text
from babel.messages.pofile import PoFileError

PO = rel(zh_po.ZH_PO)

FIX = "run `python3 scripts/translations.py missing`, translate, then `python3 scripts/translations.py add FILE.tsv`"


@pytest.fixture(scope="module")
def extraction():
	return extract_messages()


@pytest.fixture(scope="module")
def catalog():
	if not zh_po.ZH_PO.exists():
		pytest.fail(f"{PO} is missing; create it with `python3 scripts/translations.py init`", pytrace=False)
	try:
		return zh_po.read(zh_po.ZH_PO)
	except PoFileError as e:
		pytest.fail(f"{PO}:{e.lineno + 1}: {e}: {e.line!r}", pytrace=False)


@pytest.fixture(scope="module")
def entries(catalog):
	return zh_po.entries(catalog)


def test_sources_readable(extraction):
	assert not extraction.errors, "cannot extract strings from:\n  " + "\n  ".join(extraction.errors)
	assert extraction.messages, "no translatable string found at all"


def test_po_header(catalog):
	assert str(catalog.locale) == "zh", f"{PO}: header needs 'Language: zh', has {catalog.locale!r}"
	assert catalog.charset.lower() == "utf-8", f"{PO}: header needs 'Content-Type: text/plain; charset=UTF-8'"
	assert not catalog.fuzzy, f"{PO}: the header is marked fuzzy"


def test_po_has_no_duplicate_msgids(catalog):
	duplicates = [f"line {m.lineno}: {m.id!r} (context {m.context!r})" for m in catalog.duplicates]
	assert not duplicates, f"{PO}: msgids listed more than once:\n  " + "\n  ".join(duplicates)


def test_every_string_is_translated(extraction, catalog):
	done = zh_po.translated_msgids(catalog)
	missing = sorted(m for m in extraction.messages if m not in done)
	if missing:
		lines = [f"{translations.tsv_escape(m)}    <- {extraction.messages[m][0]}" for m in missing]
		pytest.fail(
			f"{len(missing)} of {len(extraction.messages)} strings have no (non-fuzzy, non-empty) msgstr in "
			f"{PO}; {FIX}:\n  " + "\n  ".join(lines),
			pytrace=False,
		)


def test_translations_keep_placeholders(entries):
	bad = []
	for e in entries:
		msgid = e.id[0] if e.pluralizable else e.id
		for msgstr in zh_po.translations(e):
			if msgstr and zh_po.placeholders(msgid) != zh_po.placeholders(msgstr):
				bad.append(
					f"line {e.lineno}: {msgid!r} has {zh_po.placeholders(msgid)}, "
					f"{msgstr!r} has {zh_po.placeholders(msgstr)}"
				)
	assert not bad, f"{PO}: translations must keep the msgid's placeholders:\n  " + "\n  ".join(bad)


def test_frappe_overrides_translate_with_the_same_placeholders(entries):
	"""Entries marked "#. frappe" replace Frappe's own zh (the desk shows ours)."""
	overrides = [e for e in entries if zh_po.is_frappe_override(e)]
	assert overrides, f"{PO}: no entry is marked '#. {zh_po.FRAPPE_MARK}'"
	bad = [
		f"line {e.lineno}: {e.id!r} -> {e.string!r}"
		for e in overrides
		if not zh_po.is_translated(e)
		or e.string == e.id
		or zh_po.placeholders(e.id) != zh_po.placeholders(e.string)
	]
	assert not bad, (
		f"{PO}: a translation of a Frappe string must differ from it, not be fuzzy, "
		"and keep the msgid's placeholders:\n  " + "\n  ".join(bad)
	)


# --- the tooling itself ----------------------------------------------------


def test_po_round_trip(tmp_path):
	"""What zh_po.write writes reads back the same, and writing it again changes nothing."""
	tricky = [
		'He said "hi"\\',
		"two\nlines\tand tab",
		"Row {0}: {1} → {2}",
		"计量单位",
		"Bands (% of weight)",
	]
	catalog = zh_po.new_catalog()
	for t in tricky:
		catalog.add(t, f"译 {t}")
	catalog.add("Draft", "草稿", flags=["fuzzy"])
	catalog.add("m", "分", context="Minutes (Field: Duration)", auto_comments=[zh_po.FRAPPE_MARK])
	first, second = tmp_path / "first.po", tmp_path / "second.po"
	zh_po.write(catalog, first)
	parsed = zh_po.read(first)
	assert str(parsed.locale) == "zh" and parsed.charset == "utf-8" and not parsed.fuzzy
	body = {e.id: e for e in zh_po.entries(parsed) if e.context is None}
	assert {k: v.string for k, v in body.items()} == {t: f"译 {t}" for t in tricky} | {"Draft": "草稿"}
	assert body["Draft"].fuzzy and "Draft" not in zh_po.translated_msgids(parsed)
	assert zh_po.is_frappe_override(parsed.get("m", "Minutes (Field: Duration)"))
	assert "m" not in zh_po.translated_msgids(parsed)  # a context entry is not a plain _() translation
	assert "python-format" not in first.read_text(encoding="utf-8"), "Babel's guessed flags are written"
	zh_po.write(parsed, second, revised=False)
	assert second.read_bytes() == first.read_bytes()


def test_frappe_mark_round_trips(tmp_path, capsys):
	"""`add --frappe` marks the entries, the mark survives a rewrite, `obsolete` leaves them out."""
	po, tsv = tmp_path / "zh.po", tmp_path / "frappe.tsv"
	tsv.write_text("List View\t列表视图\n{0} m\t{0}分钟\n", encoding="utf-8")
	assert translations.main(["--po", str(po), "add", "--frappe", str(tsv)]) == 0
	entry = zh_po.read(po).get("{0} m")
	assert zh_po.is_frappe_override(entry) and entry.string == "{0}分钟"
	tsv.write_text("Total\t合计\nm\t分\tMinutes (Field: Duration)\n", encoding="utf-8")
	assert translations.main(["--po", str(po), "add", "--frappe", str(tsv)]) == 0
	catalog = zh_po.read(po)
	assert catalog.get("m", "Minutes (Field: Duration)").string == "分"
	assert sum(zh_po.is_frappe_override(e) for e in zh_po.entries(catalog)) == 4
	capsys.readouterr()
	assert translations.main(["--po", str(po), "obsolete"]) == 0
	assert capsys.readouterr().out == ""


def test_po_reader_reads_multiline_context_and_duplicates(tmp_path):
	po = tmp_path / "zh.po"
	po.write_text(
		"\n".join([
			'msgid ""', 'msgstr ""', '"Language: zh\\n"', "",
			"#: some/file.py:1", 'msgctxt "Workflow"', 'msgid ""', '"Sub"', '"mit"', 'msgstr "提交"', "",
			'#~ msgid "Old"', '#~ msgstr "旧"', "",
			'msgid "One"', 'msgid_plural "Many"', 'msgstr[0] "个"', "",
			'msgid "Twice"', 'msgstr "一"', "", 'msgid "Twice"', 'msgstr "二"', "",
		]),
		encoding="utf-8",
	)  # fmt: skip
	catalog = zh_po.read(po)
	assert catalog.get("Submit", "Workflow").string == "提交"
	assert zh_po.translations(catalog.get(("One", "Many"))) == ["个"]
	assert catalog.get("Old") is None
	assert [m.id for m in catalog.duplicates] == ["Twice"]
	po.write_text('msgid "a"\nmsgstr "b"\ngarbage\n', encoding="utf-8")
	with pytest.raises(PoFileError):
		zh_po.read(po)


def test_tsv_escaping_round_trips():
	for text in ["a\tb", "a\nb", "back\\slash", "a\\nb literal"]:
		assert translations.tsv_unescape(translations.tsv_escape(text)) == text
		assert "\t" not in translations.tsv_escape(text) and "\n" not in translations.tsv_escape(text)


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
	assert js_unquote(r'"It\'s \"ok\"\n"') == 'It\'s "ok"\n'
	found = [js_unquote(m.group(1)) for m in JS_CALL.finditer("__('A') + __(\"B {0}\", [x]) + my__('C')")]
	assert found == ["A", "B {0}"]
	assert (
		workspace_header_text('<span class="h4"><b>Reports &amp; Masters</b></span>')
		== "Reports &amp; Masters"
	)
