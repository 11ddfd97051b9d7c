"""The desk served as production serves it, for the browser tests (scripts/lib.sh
serve_site): gunicorn worker processes, as ``bench setup production`` runs
them, not ``bench serve``'s development server, whose threads share one
Python interpreter lock while a home page loads a dozen cards and charts at
once. Static files come from Frappe's own middleware, as under ``bench serve``
(nginx serves them in production). The site is PERF_SITE; gunicorn runs in
the bench's sites folder."""

import os

import frappe.app

frappe.app._site = os.environ["PERF_SITE"]
application = frappe.app.application_with_statics()
