# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.notify import language
from perf_budget.settings import clear_rules_cache, get_rules


class TestPerfBudgetSettings(FrappeTestCase):
	def tearDown(self):
		# each test starts from the stored national defaults
		frappe.db.rollback()
		frappe.clear_document_cache("Perf Budget Settings", "Perf Budget Settings")
		clear_rules_cache()

	def test_fresh_site_holds_the_national_defaults(self):
		rules = get_rules()
		self.assertEqual(
			(rules.execution_weight, rules.output_weight, rules.effect_weight, rules.satisfaction_weight),
			(10, 50, 30, 10),
		)
		self.assertEqual((rules.excellent_min, rules.good_min, rules.fair_min), (90, 80, 60))
		self.assertEqual((rules.qual_achieved_min, rules.qual_partly_min), (80, 60))
		self.assertEqual((rules.results_notice_days, rules.rectification_days), (20, 30))
		self.assertEqual(rules.reverse_formula, "Linear")

	def test_weights_must_add_up_to_100(self):
		settings = frappe.get_single("Perf Budget Settings")
		settings.output_weight = 55
		with self.assertRaisesRegex(frappe.ValidationError, "105"):
			settings.save()

	def test_grade_bands_must_descend(self):
		settings = frappe.get_single("Perf Budget Settings")
		settings.good_min = 95
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_percentages_stay_within_0_and_100(self):
		settings = frappe.get_single("Perf Budget Settings")
		settings.fair_cut_percent = 120
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_the_art_22_figures_are_not_negative(self):
		settings = frappe.get_single("Perf Budget Settings")
		settings.update(
			{"require_survey": 1, "survey_from": -5, "expert_review_from": 0, "min_scoring_experts": -1}
		)
		with language("zh"), self.assertRaises(frappe.ValidationError) as refused:
			settings.save()
		self.assertEqual(
			str(refused.exception),
			"问卷调查（有满意度指标的项目）：适用的全年预算下限（万元）不能为负数，现为 -5<br>"
			"专家评价：须已评分的专家人数不能为负数，现为 -1",
		)

	def test_a_province_layout_is_accepted_and_used(self):
		settings = frappe.get_single("Perf Budget Settings")
		settings.update(
			{"execution_weight": 20, "output_weight": 60, "effect_weight": 10, "satisfaction_weight": 10}
		)
		settings.update({"excellent_min": 80, "good_min": 70, "fair_min": 60})
		settings.save()
		clear_rules_cache()
		self.assertEqual(get_rules().execution_weight, 20)
		self.assertEqual(get_rules().good_min, 70)
