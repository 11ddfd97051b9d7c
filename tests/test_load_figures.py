"""The load test's figures (benchmarks/load_figures.py), without HTTP or Frappe:
who the users are, which journey a draw lands on, what an answer counts as,
the percentiles and their table, and the check that no acknowledged write is lost."""

from benchmarks.load_figures import (
	CONFLICT,
	ERROR,
	FINANCE,
	LEADER,
	MIX,
	OK,
	UNIT_HEAD,
	UNIT_USER,
	Sample,
	Write,
	assign,
	lost_writes,
	pair_problem,
	percentile,
	pick,
	shown_table,
	table,
	verdict,
)

LOGINS = {
	UNIT_USER: ["bgs.user", "ghk.user", "jsk.user"],
	UNIT_HEAD: ["bgs.head", "ghk.head"],
	FINANCE: ["finance.officer", "finance.head"],
	LEADER: ["leader"],
}


def test_ten_users_are_five_unit_users_two_heads_two_of_finance_and_the_leader():
	assert assign(10, LOGINS) == [
		(UNIT_USER, "bgs.user"),
		(UNIT_HEAD, "bgs.head"),
		(UNIT_USER, "ghk.user"),
		(FINANCE, "finance.officer"),
		(UNIT_USER, "jsk.user"),
		(UNIT_HEAD, "ghk.head"),
		(UNIT_USER, "bgs.user"),
		(FINANCE, "finance.head"),
		(UNIT_USER, "ghk.user"),
		(LEADER, "leader"),
	]


def test_fifty_users_share_the_logins_round_the_list():
	crowd = assign(50, LOGINS)
	roles = [role for role, _login in crowd]
	assert (roles.count(UNIT_USER), roles.count(UNIT_HEAD), roles.count(FINANCE), roles.count(LEADER)) == (
		25,
		10,
		10,
		5,
	)
	finance = [login for role, login in crowd if role == FINANCE]
	assert finance.count("finance.officer") == finance.count("finance.head") == 5
	assert [login for role, login in crowd if role == UNIT_USER].count("bgs.user") == 9


def test_a_draw_lands_on_each_journey_by_its_weight():
	mix = {"list": 3, "save": 1}
	assert [pick(mix, r) for r in (0.0, 0.5, 0.7499, 0.75, 0.9999)] == [
		"list",
		"list",
		"list",
		"save",
		"save",
	]
	# the unit user's day: 4 of 18 draws save
	assert sum(pick(MIX[UNIT_USER], n / 18) == "save" for n in range(18)) == 4


def test_only_the_finance_section_makes_simultaneous_saves_and_only_reviewers_review():
	assert [role for role, mix in MIX.items() if "conflict" in mix] == [FINANCE]
	assert [role for role, mix in MIX.items() if "review" in mix] == [UNIT_HEAD, FINANCE]
	assert [role for role, mix in MIX.items() if "save" in mix or "submit" in mix] == [UNIT_USER]


def test_an_answer_is_ok_an_expected_conflict_or_an_error():
	assert verdict(200, None) == OK
	assert verdict(417, "TimestampMismatchError", ("TimestampMismatchError",)) == CONFLICT
	# the same refusal where none is expected, another refusal, another status
	assert verdict(417, "TimestampMismatchError") == ERROR
	assert verdict(417, "ValidationError", ("TimestampMismatchError",)) == ERROR
	assert verdict(500, "TimestampMismatchError", ("TimestampMismatchError",)) == ERROR
	assert verdict(403, None) == ERROR


def test_of_two_saves_from_one_version_exactly_one_is_accepted():
	assert pair_problem(OK, CONFLICT) is None
	assert pair_problem(CONFLICT, OK) is None
	assert pair_problem(OK, OK) == "both saves from the same version were accepted (a lost update)"
	assert pair_problem(CONFLICT, CONFLICT) == (
		"one save accepted and one refused as modified was expected, not conflict and conflict"
	)


def test_percentiles_are_nearest_rank():
	values = [float(n) for n in range(100, 0, -1)]  # 1 … 100, unsorted
	assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50.0, 95.0, 99.0)
	assert (percentile([7.0], 50), percentile([7.0], 99)) == (7.0, 7.0)
	assert (percentile([1.0, 2.0, 3.0], 50), percentile([1.0, 2.0, 3.0], 95)) == (2.0, 3.0)


def test_the_table_has_a_row_per_journey_taken_and_one_for_all():
	samples = [Sample("list", ms, OK) for ms in (10.0, 20.0, 30.0)]
	samples += [Sample("save", 100.0, OK), Sample("save", 300.0, CONFLICT), Sample("save", 200.0, ERROR)]
	rows = table(samples, {"list": 3, "save": 2})
	assert rows == [
		("list", 3, 3, 20.0, 30.0, 30.0, 0, 0),
		("save", 2, 3, 200.0, 300.0, 300.0, 1, 1),
		("all", 5, 6, 30.0, 300.0, 300.0, 1, 1),
	]
	assert shown_table(rows).splitlines()[2:] == [
		"| list | 3 | 3 | 20 | 30 | 30 | 0 | 0 |",
		"| save | 2 | 3 | 200 | 300 | 300 | 1 | 1 |",
		"| all | 5 | 6 | 30 | 300 | 300 | 1 | 1 |",
	]


V1, V2, V3 = "2027-01-05 10:00:00.100000", "2027-01-05 10:00:01.200000", "2027-01-05 10:00:02"


def test_writes_in_one_line_of_versions_with_the_last_values_stored_pass():
	writes = [
		Write("Performance Goal", "PG-1", "schedule", "a", V2, V1),
		Write("Performance Goal", "PG-1", "schedule", "b", V3, V2),
	]
	stored = {("Performance Goal", "PG-1"): {"schedule": "b", "modified": V3}}
	assert lost_writes(writes, stored) == []


def test_a_workflow_action_has_no_base_and_fields_are_checked_each_by_its_last_write():
	writes = [
		Write("Performance Goal", "PG-1", "return_reason", "why", V2, V1),
		Write("Performance Goal", "PG-1", "workflow_state", "Returned", V3),
	]
	stored = {
		("Performance Goal", "PG-1"): {"return_reason": "why", "workflow_state": "Returned", "modified": V3}
	}
	assert lost_writes(writes, stored) == []


def test_two_saves_from_the_same_version_are_a_lost_update_even_if_the_last_is_stored():
	writes = [
		Write("Performance Goal", "PG-1", "review_opinion", "A", V2, V1),
		Write("Performance Goal", "PG-1", "review_opinion", "B", V3, V1),
	]
	stored = {("Performance Goal", "PG-1"): {"review_opinion": "B", "modified": V3}}
	assert lost_writes(writes, stored) == [
		"Performance Goal PG-1: review_opinion = 'B' was saved from version 2027-01-05 10:00:00.100000,"
		" but review_opinion = 'A' had been acknowledged as 2027-01-05 10:00:01.200000 (a lost update)"
	]


def test_a_value_not_stored_an_older_version_and_a_missing_record_are_reported():
	writes = [
		Write("Performance Goal", "PG-1", "schedule", "a", V3, V2),
		Write("Performance Goal", "PG-2", "schedule", "x", V2, V1),
	]
	stored = {("Performance Goal", "PG-1"): {"schedule": "old", "modified": V2}}
	assert lost_writes(writes, stored) == [
		"Performance Goal PG-1: schedule is 'old', not 'a' acknowledged as 2027-01-05 10:00:02",
		"Performance Goal PG-1: stored version 2027-01-05 10:00:01.200000 is older than"
		" the acknowledged 2027-01-05 10:00:02",
		"Performance Goal PG-2: not found after the run",
	]


def test_two_writes_acknowledged_as_one_version_are_reported():
	writes = [
		Write("Rectification", "R-1", "measures", "a", V2, V1),
		Write("Rectification", "R-1", "measures", "b", V2, V1),
	]
	stored = {("Rectification", "R-1"): {"measures": "b", "modified": V2}}
	assert lost_writes(writes, stored) == [
		"Rectification R-1: two writes acknowledged as the same version 2027-01-05 10:00:01.200000"
	]
