"""The print formats are named as the forms are titled (项目支出绩效自评表…), so
the print view's picker, which shows a Print Format's name, reads Chinese.

Runs before the model sync: an existing site's format is renamed in place,
so every link to it (an admin's default print format, notifications, auto
email reports) follows, and the sync then updates it from the renamed folder.
"""

import frappe

RENAMED = {
	"Performance Goal Form": "项目支出绩效目标申报表",
	"Performance Evaluation Form": "项目支出绩效自评表",
	"Rectification Notice": "预算绩效整改通知及整改情况报告",
	"Performance Interview Record": "预算绩效约谈记录",
}


def execute():
	for old, new in RENAMED.items():
		if frappe.db.exists("Print Format", old) and not frappe.db.exists("Print Format", new):
			frappe.rename_doc("Print Format", old, new, force=True, show_alert=False, rebuild_search=False)
