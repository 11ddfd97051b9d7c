"""perf_budget/locale/zh.po, read and written with Babel (the library Frappe compiles it with).

Shared by scripts/translations.py and tests/test_translations.py. Entries are
babel.messages.catalog.Message objects; the helpers below say what counts as
translated for Frappe's plain _() lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from app_files import LOCALE_DIR
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileParser, write_po

ZH_PO = LOCALE_DIR / "zh.po"
# The extracted comment ("#. frappe") of a zh.po entry that translates one of
# Frappe's own strings (the desk's navbar, lists, timeline…) where Frappe's zh
# catalogue has none or a wrong one: apps later in apps.txt win, so ours is what
# the desk shows. The app's code does not use these strings, so they are
# deliberate, not obsolete.
FRAPPE_MARK = "frappe"
# Babel guesses these from the msgid; its %-guess misreads "(% of weight)" and
# makes msgfmt --check fail. The app formats with str.format only, and
# test_translations checks the {0} placeholders itself.
GUESSED_FLAGS = frozenset({"python-format", "python-brace-format"})
HEADER_COMMENT = "# Chinese (Simplified) translations for Perf Budget.\n# Edit with scripts/translations.py (missing / add)."
DEFAULT_HEADER = {
	"Project-Id-Version": "Perf Budget",
	"Report-Msgid-Bugs-To": "perf-budget@example.org",
	"Last-Translator": "perf_budget contributors <perf-budget@example.org>",
	"Language-Team": "Chinese <perf-budget@example.org>",
	"Language": "zh",
	"Content-Type": "text/plain; charset=UTF-8",
}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


class ZhCatalog(Catalog):
	"""Babel's catalog, remembering the entries a file lists twice (Babel keeps one of them)."""

	def __init__(self, *args, **kwargs) -> None:
		self.duplicates: list[Message] = []
		super().__init__(*args, **kwargs)

	def __setitem__(self, id, message: Message) -> None:
		if id and self.get(id, message.context) is not None:
			self.duplicates.append(message)
		super().__setitem__(id, message)


def new_catalog() -> ZhCatalog:
	catalog = ZhCatalog(locale="zh", header_comment=HEADER_COMMENT, fuzzy=False)
	catalog.mime_headers = DEFAULT_HEADER.items()
	return catalog


def read(path: Path = ZH_PO) -> ZhCatalog:
	"""The catalog in ``path``; babel's PoFileError names the line Babel cannot read. Obsolete (#~) entries are dropped."""
	catalog = ZhCatalog()
	with open(path, "rb") as f:
		PoFileParser(catalog, ignore_obsolete=True, abort_invalid=True).parse(f)
	return catalog


def write(catalog: Catalog, path: Path = ZH_PO, *, revised: bool = True) -> None:
	"""Entries sorted by msgid, unwrapped; PO-Revision-Date set to now when ``revised``."""
	if revised:
		catalog.revision_date = datetime.now(timezone.utc)
	for message in catalog:
		message.flags -= GUESSED_FLAGS
	path.parent.mkdir(parents=True, exist_ok=True)
	with open(path, "wb") as f:
		write_po(f, catalog, width=0, sort_output=True, ignore_obsolete=True)


def placeholders(text: str) -> list[str]:
	"""The str.format placeholders of ``text`` as a sorted list ({0}, {1}, {name}…)."""
	return sorted(PLACEHOLDER.findall(text))


def translations(message: Message) -> list[str]:
	return list(message.string) if message.pluralizable else [message.string or ""]


def is_translated(message: Message) -> bool:
	return not message.fuzzy and all(t.strip() for t in translations(message))


def is_frappe_override(message: Message) -> bool:
	return FRAPPE_MARK in message.auto_comments


def entries(catalog: Catalog) -> list[Message]:
	"""The catalog's entries without the header."""
	return [m for m in catalog if m.id]


def translated_msgids(catalog: Catalog) -> set[str]:
	"""msgids with a usable translation for a plain _() lookup (no context, not fuzzy, non-empty)."""
	return {m.id for m in entries(catalog) if m.context is None and not m.pluralizable and is_translated(m)}


def missing_translations(msgids: Iterable[str], path: Path = ZH_PO) -> list[str]:
	done = translated_msgids(read(path)) if path.exists() else set()
	return sorted(m for m in msgids if m not in done)
