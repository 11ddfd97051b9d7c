"""Telling people about records: a system notification always, and an email
through Frappe's queue when the site can send mail (a site without an
outgoing account must not break the daily jobs)."""

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


def notify(users: list[str], subject: str, doctype: str, records: list[tuple[str, str]]) -> None:
	"""One notification per user about ``records`` ((name, label) pairs of ``doctype``)."""
	if not users or not records:
		return
	lines = "".join(f"<li>{frappe.utils.escape_html(label)} ({name})</li>" for name, label in records)
	if can_send_email():
		frappe.sendmail(
			recipients=users,
			subject=subject,
			message=f"<p>{frappe.utils.escape_html(subject)}</p><ul>{lines}</ul>",
			reference_doctype=doctype,
			reference_name=records[0][0],
		)
	for user in users:
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject,
				"document_type": doctype,
				"document_name": records[0][0],
			}
		).insert(ignore_permissions=True)


def can_send_email() -> bool:
	return bool(
		frappe.conf.mail_server
		or frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
	)
