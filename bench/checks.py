"""What must hold after the load: answers stored as confirmed, valid and whole; one winner."""

from __future__ import annotations

import threading

from sqlalchemy import select

import questionnaires as qn


def stored_answers(app, submission_id: int) -> tuple[int, dict[str, object]]:
    """Return (version, answers by question id) of a submission, read from the database."""
    from extensions import db
    from models import Submission
    from services import submissions

    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        return submission.version, submissions.answers_of(submission)


def consistent_database(app) -> list[str]:
    """Return problems: a broken audit chain, or a stored answer its question would refuse."""
    from extensions import db
    from models import Answer, Submission
    from services import audit, submissions

    problems = []
    with app.app_context():
        report = audit.verify_chain()
        if not report.ok:
            problems.append(f"audit chain broken at {report.broken_at}: {report.problem}")
        for submission in db.session.scalars(select(Submission)):
            definition = submissions.definition(submission)
            rows = db.session.scalars(select(Answer).where(Answer.submission_id == submission.id))
            for row in rows:
                question = definition.find(row.question_id)
                if question is None or qn.coerce_answer(question, row.value) != row.value:
                    problems.append(f"submission {submission.id}: invalid {row.question_id}")
                if row.revision > submission.version:
                    problems.append(f"submission {submission.id}: {row.question_id} from future")
    return problems


def confirmed_answers(app, agents) -> list[str]:
    """Return problems: an answer the server confirmed that is not stored exactly as sent."""
    problems = []
    for agent in agents:
        version, stored = stored_answers(app, agent.submission_id)
        if agent.unsure is not None:
            base, canonical = agent.unsure
            if version == base + 1:
                agent.expected.update(canonical)
        for qid, value in agent.expected.items():
            if stored.get(qid) != value:
                problems.append(
                    f"{agent.email}: {qid} stored {stored.get(qid)!r}, confirmed {value!r}"
                )
        for qid in set(stored) - set(agent.expected):
            problems.append(f"{agent.email}: {qid} stored but never confirmed")
    return problems


def _race(clients, path: str, bodies: list[dict]) -> list:
    """Send one body from each client at the same moment; return the replies in order."""
    barrier, replies = threading.Barrier(len(clients)), [None] * len(clients)

    def send(i: int) -> None:
        barrier.wait()
        replies[i] = clients[i].post_json(path, bodies[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return replies


def two_writers(app, server, people, questions: list[qn.Question], rounds: int = 12):
    """Let two people save one question of one submission at once, from the same version.

    :return: (problems, counts of how the loser was told: per-answer conflict or whole save).
    """
    email, submission_id = people.suppliers[0]
    clients = [server.browser(), server.browser()]
    clients[0].sign_in(email, people.password)
    clients[1].sign_in(people.colleague, people.password)
    path = f"/submissions/{submission_id}/answers"
    problems, how = [], {"answer conflict": 0, "whole save refused": 0}
    for n in range(rounds):
        question = questions[n % len(questions)]
        values = [f"Written by person {i} in round {n}" for i in (0, 1)]
        if question.type is qn.QuestionType.NUMBER:
            low = int(question.min or 0)
            values = [str(low + 2 * n + 1), str(low + 2 * n + 2)]
        version = clients[0].section_version(submission_id, question.section_id)
        clients[1].section_version(submission_id, question.section_id)
        bodies = [{"version": version, "answers": {question.id: v}} for v in values]
        replies = _race(clients, path, bodies)
        statuses = sorted(r.status for r in replies)
        if statuses != [200, 409]:
            problems.append(f"round {n}: statuses {statuses}, not one 200 and one 409")
            continue
        winner = 0 if replies[0].status == 200 else 1
        loser = replies[1 - winner].json()
        if question.id in loser.get("conflicts", {}):
            how["answer conflict"] += 1
        elif loser.get("conflict") is True and loser.get("error"):
            how["whole save refused"] += 1
        else:
            problems.append(f"round {n}: the 409 does not name the conflict: {loser}")
        if replies[winner].json().get("saved") != [question.id]:
            problems.append(f"round {n}: the winner's answer is not reported saved")
        stored = stored_answers(app, submission_id)[1].get(question.id)
        if stored != qn.coerce_answer(question, values[winner]):
            problems.append(f"round {n}: stored {stored!r}, winner sent {values[winner]!r}")
    for client in clients:
        client.close()
    return problems, how
