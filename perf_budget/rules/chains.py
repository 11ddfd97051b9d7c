"""What each state of a review chain means, read from the chain itself.

Controllers, reports, jobs and the desk never name a workflow state. They ask
for a *stage* — where the record is in the chain of arts. 12, 13, 17, 23 and
24 — and ``stages_of`` finds which states of a workflow are in it from who
may edit each state and where its transitions lead. An admin who renames a
state or adds one in the admin panel changes the states, not the stages, so
everything that reads stages follows.

Stages:

* ``drafting``      the first state while it is finance's (a rectification
                    being drafted before it is sent to the unit);
* ``filing``        with the unit's clerk (the first state when the clerk
                    fills it, and every state a record is sent back to);
* ``unit_review``   with the unit head;
* ``finance_review`` with the finance section, arrived from the unit head;
* ``at_bureau``     with finance after its own review: forwarded to the city
                    finance bureau and awaiting its answer (goals);
* ``accepted``      past every return: accepted, confirmed;
* ``forwarded``     past acceptance: sent on to the finance bureau;
* ``set_aside``     reached by no step of the chain, only by the app's daily
                    job (a goal excluded from the year, art. 11).

A chain of finance's own records (the written reports of arts. 17 and 23)
is read the same way with the finance officer in the clerk's place and the
finance head in the unit head's (``workflow/chains.py: chain_roles``): its
states are in ``filing``, ``unit_review`` (with the finance head) and
``accepted``.

A step back into ``filing`` from any stage but ``drafting`` is a return: it
needs a written reason (``reason_field``), in Reason for Return unless the
shipped workflow names another field for the step's action (the finance
bureau's revision request keeps the bureau's feedback).
"""

from dataclasses import dataclass

STAGES = (
	"drafting",
	"filing",
	"unit_review",
	"finance_review",
	"at_bureau",
	"accepted",
	"forwarded",
	"set_aside",
)
# Stages in which the record has not yet left the unit: incomplete data is
# pointed out there, and blocks the step that leaves them.
BEFORE_REVIEW = ("drafting", "filing")
# Stages in which the unit still owes its part (the written report of a rectification).
WITH_THE_UNIT = ("filing", "unit_review")
# Stages in which the unit's part has reached finance.
AT_FINANCE = ("finance_review", "at_bureau", "accepted", "forwarded")
SETTLED = ("accepted", "forwarded")

DEFAULT_REASON_FIELD = "return_reason"


@dataclass(frozen=True)
class Chain:
	doctype: str
	initial: str
	stage: dict  # state -> stage
	transitions: tuple  # (state, action, next_state)
	reason_fields: tuple = ()  # (action, field): where a return by that action keeps its reason

	def states(self, *stages: str) -> tuple:
		"""The states in any of ``stages``, in the workflow's order."""
		unknown = set(stages) - set(STAGES)
		if unknown:
			raise ValueError(f"unknown stage {sorted(unknown)}")
		return tuple(state for state, stage in self.stage.items() if stage in stages)

	def stage_of(self, state: str | None) -> str:
		"""The stage of ``state``; an empty state is the first one."""
		return self.stage.get(state or self.initial, "")

	def is_in(self, state: str | None, *stages: str) -> bool:
		return self.stage_of(state) in stages

	def reason_field(self, state: str | None, next_state: str | None) -> str | None:
		"""The field a step from ``state`` to ``next_state`` must fill with its
		reason, or None when the step needs none."""
		if state == next_state or self.stage_of(next_state) != "filing":
			return None
		if self.stage_of(state) in BEFORE_REVIEW:
			return None
		named = dict(self.reason_fields)
		for from_state, action, to_state in self.transitions:
			if (from_state, to_state) == (state, next_state) and action in named:
				return named[action]
		return DEFAULT_REASON_FIELD

	def returned_states(self) -> tuple:
		"""The states a return sends a record back to, in the workflow's order."""
		back = {
			next_state
			for state, _action, next_state in self.transitions
			if self.reason_field(state, next_state)
		}
		return tuple(state for state in self.stage if state in back)

	def steps(self) -> list[dict]:
		"""Each step for the desk: state, action, next state and the field its
		reason goes in (None when it needs none)."""
		return [
			{
				"state": state,
				"action": action,
				"next_state": next_state,
				"field": self.reason_field(state, next_state),
			}
			for state, action, next_state in self.transitions
		]


def stages_of(
	doctype: str,
	states: list[dict],
	transitions: list[dict],
	unit_user: str,
	unit_head: str,
	reason_fields: dict | None = None,
) -> Chain:
	"""The chain of a workflow given as its state rows (``state``, ``allow_edit``,
	in order, the first being where a record starts) and transition rows
	(``state``, ``action``, ``next_state``); ``reason_fields`` maps an action
	to the field its return's reason goes in, when not Reason for Return."""
	names = [row["state"] for row in states]
	initial = names[0]
	edit = {row["state"]: row.get("allow_edit") for row in states}
	incoming: dict[str, set] = {name: set() for name in names}
	outgoing: dict[str, set] = {name: set() for name in names}
	for row in transitions:
		if row["state"] in outgoing and row["next_state"] in incoming:
			outgoing[row["state"]].add(row["next_state"])
			incoming[row["next_state"]].add(row["state"])

	filing = {name for name in names if edit[name] == unit_user}
	unit_review = {name for name in names if edit[name] == unit_head}
	back_to_unit = reaching(filing, incoming)
	stage = {}
	for name in names:
		if name in filing:
			stage[name] = "filing"
		elif name in unit_review:
			stage[name] = "unit_review"
		elif name == initial:
			stage[name] = "drafting"
		elif not incoming[name]:
			stage[name] = "set_aside"
		elif name not in back_to_unit:
			stage[name] = "settled"
		elif incoming[name] & unit_review:
			stage[name] = "finance_review"
		else:
			stage[name] = "at_bureau"
	settled = {name for name, value in stage.items() if value == "settled"}
	for name in settled:
		stage[name] = "forwarded" if incoming[name] <= settled else "accepted"
	steps = tuple((row["state"], row.get("action", ""), row["next_state"]) for row in transitions)
	return Chain(doctype, initial, stage, steps, tuple(sorted((reason_fields or {}).items())))


def reaching(targets: set, incoming: dict) -> set:
	"""Every state from which some path of transitions leads into ``targets``."""
	found = set(targets)
	todo = list(targets)
	while todo:
		for previous in incoming.get(todo.pop(), ()):
			if previous not in found:
				found.add(previous)
				todo.append(previous)
	return found
