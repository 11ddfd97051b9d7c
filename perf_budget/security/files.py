"""Attachments, shares and assignments of unit records.

* A file attached to a unit record is private: Frappe then serves it only to
  users who can read a File that points at it, and such a File is only
  readable with its record (``records.pointer_permission``).
* A File cannot be made to point at a private file the user cannot already
  read (a new File row with another record's ``file_url`` would otherwise
  open that file to its maker), nor be attached to a record the user may not
  change.
* A unit record can be shared, or assigned, only to a user who may already
  read it: Frappe lets a share grant read access that the unit rule denies,
  so a share to someone outside the record's unit is refused, and so is a
  share with everyone.
"""

import frappe
from frappe import _

from perf_budget.doctypes import BOUND, CHILD_DOCTYPES, UNIT_DOCTYPES
from perf_budget.permissions import allowed_units
from perf_budget.security.records import can, unit_of


def is_unit_record(doctype: str | None) -> bool:
	return bool(doctype) and (doctype in BOUND or doctype in CHILD_DOCTYPES)


def guard_file(doc, method=None):
	"""File validate (insert and save)."""
	if doc.attached_to_doctype in UNIT_DOCTYPES and not doc.is_private and not doc.is_folder:
		frappe.throw(
			_("Attachments of a unit's records are private: attach the file as private."),
			frappe.PermissionError,
		)
	if frappe.session.user == "Administrator":
		return
	if doc.attached_to_doctype in UNIT_DOCTYPES:
		before = None if doc.is_new() else doc.get_doc_before_save()
		moved = not before or (before.attached_to_doctype, before.attached_to_name) != (
			doc.attached_to_doctype,
			doc.attached_to_name,
		)
		if moved and not can(doc.attached_to_doctype, "write", doc=doc.attached_to_name):
			frappe.throw(
				_("You cannot attach files to {0} {1}.").format(
					_(doc.attached_to_doctype), doc.attached_to_name
				),
				frappe.PermissionError,
			)
	elif is_unit_record(doc.attached_to_doctype) and doc.attached_to_doctype not in BOUND:
		frappe.throw(_("Files are attached to the record, not to its rows."), frappe.PermissionError)
	if doc.is_new() and (doc.file_url or "").startswith("/private/") and not uploads_content():
		check_pointer(doc)


def uploads_content() -> bool:
	"""Whether this request brings the file's bytes (then its URL is the
	content's own, even when Frappe reuses an identical file); a request that
	only names a URL or a File (``file_url=``, ``add_attachments``, mail
	attachments) does not, and Frappe has already read the file from disk by
	the time a hook runs."""
	request = getattr(frappe.local, "request", None)
	if not request:
		return True  # the server's own work
	if request.files or frappe.form_dict.get("filedata") or frappe.form_dict.get("content"):
		return True
	doc = frappe.form_dict.get("doc")
	if isinstance(doc, str):
		try:
			doc = frappe.parse_json(doc)
		except Exception:
			doc = None
	return isinstance(doc, dict) and bool(doc.get("content"))


def check_pointer(doc):
	"""A new File row for an existing private file needs a File of it the user can read."""
	others = frappe.get_all("File", filters={"file_url": doc.file_url}, pluck="name")
	if not others:
		return  # Frappe itself refuses a file that does not exist
	if any(can("File", "read", doc=name) for name in others):
		return
	frappe.throw(
		_("You cannot link to the file {0}: it belongs to a record you cannot read.").format(
			doc.file_name or ""
		),
		frappe.PermissionError,
	)


def guard_share(doc, method=None):
	"""DocShare validate: a unit record stays within its unit."""
	if not is_unit_record(doc.share_doctype):
		return
	if doc.everyone:
		frappe.throw(_("Records of a unit cannot be shared with everyone."), frappe.PermissionError)
	if not doc.user:
		return
	unit = unit_of(doc.share_doctype, doc.share_name)
	units = allowed_units(doc.user)
	if units is not None and (unit not in units or doc.share_doctype not in BOUND):
		frappe.throw(
			_(
				"{0} {1} belongs to {2}; it cannot be shared with or assigned to {3}, who works for another unit."
			).format(_(doc.share_doctype), doc.share_name, unit or "—", doc.user),
			frappe.PermissionError,
		)


def guard_assignment(doc, method=None):
	"""ToDo validate: an assignment of a unit record goes to someone who may read it."""
	if not is_unit_record(doc.reference_type) or not doc.allocated_to:
		return
	if doc.reference_type in CHILD_DOCTYPES:
		frappe.throw(_("Assign the record, not one of its rows."), frappe.PermissionError)
	units = allowed_units(doc.allocated_to)
	if units is not None and unit_of(doc.reference_type, doc.reference_name) not in units:
		frappe.throw(
			_("{0} {1} belongs to {2}; it cannot be assigned to {3}, who works for another unit.").format(
				_(doc.reference_type),
				doc.reference_name,
				unit_of(doc.reference_type, doc.reference_name) or "—",
				doc.allocated_to,
			),
			frappe.PermissionError,
		)
