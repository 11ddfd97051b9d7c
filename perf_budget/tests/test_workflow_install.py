import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.setup.install import after_migrate
from perf_budget.workflow import install_workflows, shipped_workflows


class TestWorkflowInstaller(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_cache(doctype="Performance Goal")

	def test_every_shipped_workflow_is_installed_and_active(self):
		for definition in shipped_workflows():
			workflow = frappe.get_doc("Workflow", definition["workflow_name"])
			self.assertTrue(workflow.is_active)
			self.assertEqual(workflow.document_type, definition["document_type"])
			self.assertEqual(len(workflow.transitions), len(definition["transitions"]))

	def test_installing_twice_creates_no_duplicates(self):
		counts = lambda: (  # noqa: E731
			frappe.db.count("Workflow"),
			frappe.db.count("Workflow State"),
			frappe.db.count("Workflow Action Master"),
			frappe.db.count("Workflow Transition"),
		)
		install_workflows()
		before = counts()
		self.assertEqual(install_workflows(), [])
		after_migrate()
		self.assertEqual(counts(), before)

	def test_an_admins_edit_survives_migrate(self):
		workflow = frappe.get_doc("Workflow", "Performance Goal Review")
		workflow.transitions = [t for t in workflow.transitions if t.action != "Reinstate"]
		workflow.send_email_alert = 1
		workflow.save()
		after_migrate()
		workflow.reload()
		self.assertNotIn("Reinstate", [t.action for t in workflow.transitions])
		self.assertTrue(workflow.send_email_alert)

	def test_a_deleted_workflow_comes_back_on_migrate(self):
		frappe.delete_doc("Workflow", "Performance Goal Review")
		after_migrate()
		self.assertTrue(frappe.db.exists("Workflow", "Performance Goal Review"))
