"""Telling people about records: a system notification always, and an email
through Frappe's queue when the site can send mail (a site without an
outgoing account must not break the daily jobs).

Language: text the app writes into a record is written in ``frappe.local.lang``
at the moment it is written: in a request, the language Frappe gives the
session (the user's own, else the site's from System Settings); in a
background or daily job, see ``use_site_language``. A notification is written
in each recipient's own language (User → Language), else in that same
language."""

from collections.abc import Callable
from contextlib import contextmanager

import frappe


def unit_members(unit: str) -> list[str]:
	return frappe.get_all(
		"Budget Unit Member", filters={"parent": unit, "parenttype": "Budget Unit"}, pluck="user"
	)


def users_with_role(role: str) -> list[str]:
	has_role, user = frappe.qb.DocType("Has Role"), frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where(has_role.role == role)
		.where(has_role.parenttype == "User")
		.where(user.enabled == 1)
		.where(user.name.notin(["Administrator", "Guest"]))
	).run(pluck=True)


def use_site_language() -> None:
	"""Frappe runs a background or daily job in site_config's ``lang`` or
	English, whatever the site's language is: a job of the app writes its
	text in the language of the user who started it (as the same work in a
	request would), a daily job in the site's language (System Settings)."""
	from frappe.translate import get_user_lang

	job = getattr(frappe.local, "job", None)
	if not job:
		return  # a request or a test: frappe.local.lang is already the writer's
	if job.user and job.user not in ("Administrator", "Guest"):
		frappe.local.lang = get_user_lang(job.user)
	else:
		frappe.local.lang = frappe.db.get_default("lang") or frappe.local.lang


@contextmanager
def language(lang: str):
	"""Translate with ``lang`` inside the block (restored also on an error)."""
	before = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = before


def recipient_language(user: str) -> str:
	return frappe.get_cached_value("User", user, "language") or frappe.local.lang or "en"


def notify(
	users: list[str], subject: str | Callable[[], str], doctype: str, records: list[tuple[str, str]]
) -> None:
	"""One notification per user about ``records`` ((name, label) pairs of
	``doctype``). ``subject`` is a function that writes it with ``_()``: it is
	called in each recipient's language (a plain string is sent as it is)."""
	if not users or not records:
		return
	by_language: dict[str, list[str]] = {}
	for user in users:
		by_language.setdefault(recipient_language(user), []).append(user)
	for lang, group in by_language.items():
		with language(lang):
			send(group, subject() if callable(subject) else subject, doctype, records)


def send(users: list[str], subject: str, doctype: str, records: list[tuple[str, str]]) -> None:
	lines = "".join(f"<li>{frappe.utils.escape_html(label)} ({name})</li>" for name, label in records)
	first, _label = records[0]  # the record the email and the alert open
	if can_send_email():
		frappe.sendmail(
			recipients=users,
			subject=subject,
			message=f"<p>{frappe.utils.escape_html(subject)}</p><ul>{lines}</ul>",
			reference_doctype=doctype,
			reference_name=first,
		)
	for user in users:
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject,
				"document_type": doctype,
				"document_name": first,
			}
		).insert(ignore_permissions=True)


def can_send_email() -> bool:
	return bool(
		frappe.conf.mail_server
		or frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
	)
