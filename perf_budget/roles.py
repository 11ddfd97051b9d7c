"""The app's roles, named once. The Role records themselves ship as fixtures
(``fixtures/role.json``); DocType permissions and the workflows name them in
their JSON, which Frappe reads as data."""

UNIT_USER = "Perf Unit User"  # a unit's clerk: fills and files its records
UNIT_HEAD = "Perf Unit Head"  # approves what the unit files
FINANCE_OFFICER = "Perf Finance Officer"  # the finance section: reviews, forwards, runs rounds
FINANCE_HEAD = "Perf Finance Head"  # heads the finance section: publishes, reinstates
LEADER = "Perf Leader"  # the bureau's leadership: reads everything, acts on nothing
SYSTEM_MANAGER = "System Manager"  # Frappe's: administers the site, passes every finance check

# A unit's people; each belongs to units through User Permissions on Budget Unit.
UNIT_ROLES = (UNIT_USER, UNIT_HEAD)
# Who runs the bureau-wide work (rounds, imports of every unit, disclosure).
FINANCE_ROLES = (FINANCE_OFFICER, FINANCE_HEAD, SYSTEM_MANAGER)
# Who records the publication date of the disclosure package.
PUBLISHER_ROLES = (FINANCE_HEAD, SYSTEM_MANAGER)
# Roles that see every unit; everybody else is bound to their units.
ALL_UNITS_ROLES = frozenset({*FINANCE_ROLES, LEADER})
