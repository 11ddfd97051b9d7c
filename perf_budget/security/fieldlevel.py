"""Fields a role may not read stay out of list queries.

Frappe 15 drops them in ``DatabaseQuery.apply_fieldlevel_read_permissions``
by popping them from the list it is iterating over, so the field after each
dropped one is never checked: ``frappe.client.get_list("Performance Expert",
fields=["phone", "email"])`` gave a unit user the e-mail of the expert
register, which only finance may read (permlevel 1). The check runs again
until it drops nothing more."""

from frappe.model.db_query import DatabaseQuery

FRAPPE_APPLY = DatabaseQuery.apply_fieldlevel_read_permissions


def apply_fieldlevel_read_permissions(self):
	if self.as_list:  # there a refused field is blanked in place: none is skipped
		return FRAPPE_APPLY(self)
	checked = None
	while self.fields != checked:  # each pass drops a field or expands a "*", so it ends
		checked = list(self.fields)
		FRAPPE_APPLY(self)


def install() -> None:
	if DatabaseQuery.apply_fieldlevel_read_permissions is not apply_fieldlevel_read_permissions:
		DatabaseQuery.apply_fieldlevel_read_permissions = apply_fieldlevel_read_permissions
