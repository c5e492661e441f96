"""Simulated people: suppliers autosaving their own questionnaire, reviewers and buyers reading."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import questionnaires as qn
from bench.answers import raw_answer
from bench.browser import VERSION, Browser

UNREACHABLE = "database is not reachable"


@dataclass
class Tally:
    """What one simulated person saw."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    #: (monotonic time, status) of every request, for the fault drill's timeline
    timeline: list[tuple[float, int]] = field(default_factory=list)

    def add(self, kind: str, status: int, seconds: float) -> None:
        """Record one request."""
        self.latencies.setdefault(kind, []).append(seconds)
        self.statuses[status] += 1
        self.timeline.append((time.monotonic(), status))


class Budget:
    """A shared cap on time and requests, started once everybody has signed in."""

    def __init__(self, seconds: float, max_requests: int) -> None:
        self.seconds = seconds
        self.deadline = float("inf")
        self.left = max_requests
        self.go = threading.Event()
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def begin(self) -> float:
        """Start the clock and let every agent go; return the start time."""
        started = time.monotonic()
        self.deadline = started + self.seconds
        self.go.set()
        return started

    def take(self) -> bool:
        """Return whether one more request may be sent."""
        if self.stop.is_set() or time.monotonic() >= self.deadline:
            return False
        with self._lock:
            self.left -= 1
            return self.left >= 0


class Agent(threading.Thread):
    """One signed-in person sending requests until the budget runs out."""

    def __init__(self, browser: Browser, email: str, password: str, budget: Budget, seed: int):
        super().__init__(daemon=True)
        self.browser, self.email, self.password, self.budget = browser, email, password, budget
        self.rng = random.Random(seed)  # noqa: S311  (simulated behaviour, not secrets)
        self.tally = Tally()
        self.think = 0.1
        #: while the database is stopped on purpose, 503 with the clear message is expected
        self.tolerate_outage = False
        #: set once signed in and ready to start
        self.ready = threading.Event()

    def run(self) -> None:
        try:
            self.browser.sign_in(self.email, self.password)
            self.prepare()
            self.ready.set()
            self.budget.go.wait()
            while self.budget.take():
                self.step()
                time.sleep(self.rng.uniform(0, self.think))
        except Exception as error:  # noqa: BLE001  (reported as a failed check)
            self.tally.problems.append(f"{self.email}: {type(error).__name__}: {error}")
        finally:
            self.ready.set()
            self.browser.close()

    def prepare(self) -> None:
        """Do what the person does once after signing in."""

    def step(self) -> None:
        """Send one request."""
        raise NotImplementedError

    def judge(self, kind: str, reply) -> bool:
        """Record *reply*; return whether it succeeded; note anything unacceptable."""
        self.tally.add(kind, reply.status, reply.seconds)
        if reply.status < 400:
            return True
        if reply.status == 503 and self.tolerate_outage and UNREACHABLE in reply.text:
            return False
        if reply.status == 503 and UNREACHABLE not in reply.text:
            self.tally.problems.append(f"{self.email}: 503 without the clear message")
        elif reply.status != 409:
            self.tally.problems.append(f"{self.email}: {kind} answered {reply.status}")
        return False


class Reader(Agent):
    """A reviewer or buyer reloading their home page."""

    def __init__(self, *args, home: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.home = home
        self.think = 0.5

    def step(self) -> None:
        """Load the home page."""
        self.judge("home page", self.browser.get(self.home))


class Supplier(Agent):
    """A supplier filling in the organisation and working-conditions sections of its draft.

    It is the only writer of its questionnaire, so the version alone tells whether a save
    whose answer was lost (a 503 or a dropped connection) was committed or not.
    """

    def __init__(self, *args, submission_id: int, questions: list[qn.Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.submission_id = submission_id
        self.questions = questions
        self.version = 0
        #: question id -> canonical value the server confirmed as stored
        self.expected: dict[str, object] = {}
        #: a save whose outcome is not known yet: (version it was based on, canonical values)
        self.unsure: tuple[int, dict[str, object]] | None = None

    def prepare(self) -> None:
        """Open the first section, which gives the version to save against."""
        self.version = self.browser.section_version(self.submission_id, "org")

    def step(self) -> None:
        """Autosave a few answers; now and then open a section page."""
        if self.unsure is not None and not self._resolve():
            return
        if self.rng.random() < 0.1:
            section = self.rng.choice(("org", "cw"))
            reply = self.browser.get(f"/submissions/{self.submission_id}/sections/{section}")
            self.judge("section page", reply)
            return
        chosen = self.rng.sample(self.questions, self.rng.randint(1, 3))
        raw = {q.id: raw_answer(self.rng, q) for q in chosen}
        canonical = {q.id: qn.coerce_answer(q, raw[q.id]) for q in chosen}
        path = f"/submissions/{self.submission_id}/answers"
        try:
            reply = self.browser.post_json(path, {"version": self.version, "answers": raw})
        except OSError:
            if not self.tolerate_outage:
                raise
            self.unsure = (self.version, canonical)
            return
        if self.judge("autosave", reply):
            self._confirmed(canonical, reply.json())
        elif reply.status == 503:
            self.unsure = (self.version, canonical)  # the commit may have happened
        elif reply.status == 409:
            self.tally.problems.append(f"{self.email}: conflict on its own questionnaire")

    def _confirmed(self, canonical: dict, body: dict) -> None:
        if body.get("errors") or body.get("conflicts"):
            self.tally.problems.append(f"{self.email}: valid answers refused: {body}")
        saved = set(body.get("saved", []))
        for qid, value in canonical.items():
            if (self.expected.get(qid) != value) != (qid in saved):
                self.tally.problems.append(f"{self.email}: saved list wrong for {qid}")
            self.expected[qid] = value
        self.version = body["version"]

    def _resolve(self) -> bool:
        """Learn from the version whether the unsure save was committed; False if unreachable."""
        base, canonical = self.unsure
        try:
            reply = self.browser.get(f"/submissions/{self.submission_id}/sections/org")
        except OSError:
            return False
        if not self.judge("section page", reply):
            return False
        version = int(VERSION.search(reply.text).group(1))
        if version == base + 1:
            self.expected.update(canonical)
        elif version != base:
            self.tally.problems.append(f"{self.email}: version {version} after a save on {base}")
        self.version, self.unsure = version, None
        return True


def start_all(agents, budget: Budget, sign_in_limit: float = 300) -> float:
    """Start *agents*, wait until all have signed in, start the clock; return the start time."""
    for agent in agents:
        agent.start()
    limit = time.monotonic() + sign_in_limit
    for agent in agents:
        agent.ready.wait(max(0.0, limit - time.monotonic()))
    return budget.begin()
