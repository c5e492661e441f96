"""What changed between review rounds, from the answers frozen at each submission."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from extensions import db
from models import Submission, SubmissionRound


@dataclass
class Changes:
    """Answers that differ from an earlier round, with the earlier values."""

    #: The round compared with, and the submission it belongs to.
    baseline_round: int | None = None
    baseline_submission_id: int | None = None
    #: question id -> the earlier value (``None`` when it was not answered).
    answers: dict[str, object] = field(default_factory=dict)
    #: Questions whose documents differ (files added, removed or replaced).
    evidence: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return self.baseline_round is not None


def _latest_round(submission_id: int, below: int | None = None) -> SubmissionRound | None:
    query = select(SubmissionRound).where(SubmissionRound.submission_id == submission_id)
    if below is not None:
        query = query.where(SubmissionRound.round < below)
    return db.session.scalar(query.order_by(SubmissionRound.round.desc()).limit(1))


def baseline(submission: Submission) -> SubmissionRound | None:
    """Return the frozen round the current answers are compared with.

    Being edited: the last round submitted. Submitted or decided: the round before the
    current one. A first round copied from an earlier submission compares with that
    submission's last round.
    """
    below = None if submission.status.editable else submission.round
    snapshot = _latest_round(submission.id, below)
    if snapshot is None and submission.previous_id is not None:
        snapshot = _latest_round(submission.previous_id)
    return snapshot


def _fingerprints(evidence: dict) -> dict[str, set[str]]:
    return {
        qid: {f"{f.get('sha256')}:{f.get('valid_until')}" for f in files}
        for qid, files in (evidence or {}).items()
    }


def changes(submission: Submission, document: dict) -> Changes:
    """Return how the answers *document* of *submission* differs from its baseline round."""
    snapshot = baseline(submission)
    if snapshot is None:
        return Changes()
    before = snapshot.answers.get("answers", {})
    now = document.get("answers", {})
    old_files = _fingerprints(snapshot.answers.get("evidence", {}))
    new_files = _fingerprints(document.get("evidence", {}))
    return Changes(
        baseline_round=snapshot.round,
        baseline_submission_id=snapshot.submission_id,
        answers={q: before.get(q) for q in set(before) | set(now) if before.get(q) != now.get(q)},
        evidence={
            q
            for q in set(old_files) | set(new_files)
            if old_files.get(q, set()) != new_files.get(q, set())
        },
    )
