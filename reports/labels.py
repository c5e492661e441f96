"""Every fixed string of the report, in English and Japanese.

The report's language is chosen at download and is independent of the user
interface's locale, so these labels live here rather than in the gettext
catalogues. Placeholders use ``%(name)s`` and are the same in both languages.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # Cover
    "title": {"en": "Due-diligence report", "ja": "デュー・ディリジェンス報告書"},
    "subtitle": {
        "en": "Labour rights and environment in critical-minerals supply chains",
        "ja": "重要鉱物サプライチェーンにおける労働者の権利と環境",
    },
    "supplier": {"en": "Supplier", "ja": "サプライヤー"},
    "country": {"en": "Country of registration", "ja": "登記国"},
    "sites": {"en": "Sites", "ja": "拠点"},
    "more_sites": {
        "en": "… and %(n)s more, listed with the answers",
        "ja": "ほか%(n)s件（回答一覧に記載）",
    },
    "countries": {"en": "Countries of operation", "ja": "事業展開国"},
    "minerals": {"en": "Minerals", "ja": "取扱鉱物"},
    "lifecycle_stages": {"en": "Lifecycle stages", "ja": "ライフサイクル段階"},
    "questionnaire": {"en": "Questionnaire", "ja": "質問票"},
    "ruleset": {"en": "Rule set", "ja": "ルールセット"},
    "versioned": {"en": "%(id)s, version %(version)s", "ja": "%(id)s（バージョン %(version)s）"},
    "data_editions": {"en": "Reference data", "ja": "参照データ（版）"},
    "submitted_at": {"en": "Submitted", "ja": "提出日"},
    "decided_at": {"en": "Decided", "ja": "判定日"},
    "decision": {"en": "Reviewer decision", "ja": "審査担当者の判定"},
    "decision_by": {"en": "%(outcome)s by %(reviewer)s", "ja": "%(outcome)s（担当：%(reviewer)s）"},
    "decision.approved": {"en": "Approved", "ja": "承認"},
    "decision.rejected": {"en": "Rejected", "ja": "却下"},
    "not_submitted": {"en": "Not submitted", "ja": "未提出"},
    "not_decided": {"en": "Not decided yet", "ja": "未判定"},
    "rating": {"en": "Overall rating (computed)", "ja": "総合リスク評価（算定値）"},
    "reviewed_rating": {"en": "Overall rating (reviewed)", "ja": "総合リスク評価（レビュー後）"},
    "rating_with_score": {
        "en": "%(rating)s (score %(score)s)",
        "ja": "%(rating)s（スコア %(score)s）",
    },
    "same_as_computed": {"en": "Unchanged", "ja": "変更なし"},
    "draft_notice": {
        "en": "Draft: the submission has not been decided; ratings and findings may change.",
        "ja": "下書き：提出内容はまだ判定されていないため、"
        "評価と指摘事項は変更される場合があります。",
    },
    "draft_watermark": {"en": "DRAFT", "ja": "DRAFT 下書き"},
    # Summary
    "summary": {"en": "Summary", "ja": "概要"},
    "category_scores": {"en": "Category scores", "ja": "カテゴリー別スコア"},
    "chart_axis": {"en": "Score (0–100)", "ja": "スコア（0〜100）"},
    "category": {"en": "Category", "ja": "カテゴリー"},
    "rating_column": {"en": "Rating", "ja": "評価"},
    "score": {"en": "Score", "ja": "スコア"},
    "findings_by_severity": {"en": "Findings by severity", "ja": "重大度別の指摘事項"},
    "severity": {"en": "Severity", "ja": "重大度"},
    "count": {"en": "Findings", "ja": "件数"},
    "of_which_red_flags": {"en": "Red flags", "ja": "うちレッドフラグ"},
    "total": {"en": "Total", "ja": "合計"},
    "red_flags": {"en": "Red flags", "ja": "レッドフラグ"},
    "red_flag": {"en": "RED FLAG", "ja": "レッドフラグ"},
    "no_red_flags": {"en": "No red flags were raised.", "ja": "レッドフラグはありません。"},
    "rating.low": {"en": "Low", "ja": "低"},
    "rating.medium": {"en": "Medium", "ja": "中"},
    "rating.high": {"en": "High", "ja": "高"},
    "rating.critical": {"en": "Critical", "ja": "重大"},
    # Findings
    "findings": {"en": "Findings", "ja": "指摘事項"},
    "no_findings": {"en": "The rule set raised no findings.", "ja": "指摘事項はありません。"},
    "rule": {"en": "Rule", "ja": "ルール"},
    "triggered_by": {"en": "Triggering answers", "ja": "該当する回答"},
    "references": {"en": "References", "ja": "参照基準"},
    "locator": {"en": " (%(locator)s)", "ja": "（%(locator)s）"},
    "action": {"en": "Recommended action", "ja": "推奨される対応"},
    "review": {"en": "Reviewer decision", "ja": "審査担当者の判断"},
    "review_by": {
        "en": "%(status)s by %(reviewer)s, %(date)s",
        "ja": "%(status)s（担当：%(reviewer)s、%(date)s）",
    },
    "review.accepted": {"en": "Accepted", "ja": "採用"},
    "review.dismissed": {"en": "Dismissed", "ja": "不採用"},
    "not_reviewed": {"en": "Not reviewed yet", "ja": "未レビュー"},
    "justification": {"en": "Justification", "ja": "理由"},
    "separator": {"en": ": ", "ja": "："},
    # Answers appendix
    "answers": {"en": "Appendix: answers and evidence", "ja": "付録：回答と証拠資料"},
    "question": {"en": "Question", "ja": "質問"},
    "answer": {"en": "Answer", "ja": "回答"},
    "evidence": {"en": "Evidence", "ja": "証拠資料"},
    "valid_until": {"en": "Valid until %(date)s", "ja": "有効期限 %(date)s"},
    "expired": {"en": "Expired on %(date)s", "ja": "有効期限切れ（%(date)s）"},
    "no_answers": {"en": "No answers.", "ja": "回答はありません。"},
    # Audit trail
    "audit": {"en": "Audit trail", "ja": "監査証跡"},
    "at": {"en": "Time (UTC)", "ja": "日時（UTC）"},
    "actor": {"en": "By", "ja": "実行者"},
    "audit_action": {"en": "Action", "ja": "操作"},
    "state": {"en": "Status", "ja": "ステータス"},
    "note": {"en": "Note", "ja": "メモ"},
    "no_audit": {"en": "No entries.", "ja": "記録はありません。"},
    # Integrity, header and footer
    "integrity": {"en": "Document integrity", "ja": "文書の完全性"},
    "report_id": {"en": "Document ID", "ja": "文書ID"},
    "answers_sha256": {"en": "SHA-256 of the answers", "ja": "回答データのSHA-256"},
    "generated_at": {"en": "Generated", "ja": "作成日時"},
    "integrity_note": {
        "en": "The SHA-256 digest identifies the exact set of answers this report reflects: "
        "recomputing it from the stored submission shows whether any answer has changed "
        "since the report was generated.",
        "ja": "SHA-256ダイジェストは、本報告書が反映する回答の組を一意に示します。"
        "保存された提出内容から再計算することで、報告書の作成後に回答が変更されたかどうかを"
        "確認できます。",
    },
    "page_of": {"en": "Page %(page)s of %(pages)s", "ja": "%(page)s / %(pages)s ページ"},
    "generated_footer": {"en": "Generated %(datetime)s", "ja": "作成日時 %(datetime)s"},
    # Minerals
    "mineral.cobalt": {"en": "Cobalt", "ja": "コバルト"},
    "mineral.copper": {"en": "Copper", "ja": "銅"},
    "mineral.graphite": {"en": "Graphite", "ja": "黒鉛"},
    "mineral.lithium": {"en": "Lithium", "ja": "リチウム"},
    "mineral.manganese": {"en": "Manganese", "ja": "マンガン"},
    "mineral.nickel": {"en": "Nickel", "ja": "ニッケル"},
    "mineral.tin": {"en": "Tin", "ja": "スズ"},
    "mineral.tantalum": {"en": "Tantalum", "ja": "タンタル"},
    "mineral.tungsten": {"en": "Tungsten", "ja": "タングステン"},
    "mineral.gold": {"en": "Gold", "ja": "金"},
    # Lifecycle stages
    "stage.extraction": {"en": "Extraction", "ja": "採掘"},
    "stage.processing": {"en": "Processing and refining", "ja": "加工・精製"},
    "stage.recycling": {"en": "Recycling", "ja": "リサイクル"},
    "stage.end_of_life": {"en": "End-of-life disposal", "ja": "使用済み製品の処分"},
    "stage.trading": {"en": "Trading", "ja": "取引"},
    # Risk categories, used when the rule set gives no name in the report's language
    "category.labour_rights": {"en": "Labour rights", "ja": "労働者の権利"},
    "category.forced_labour": {"en": "Forced labour", "ja": "強制労働"},
    "category.child_labour": {"en": "Child labour", "ja": "児童労働"},
    "category.conditions_of_work": {"en": "Conditions of work", "ja": "労働条件"},
    "category.voice_and_remedy": {"en": "Voice and remedy", "ja": "苦情処理と救済"},
    "category.environment": {"en": "Environment", "ja": "環境"},
    "category.traceability": {"en": "Traceability", "ja": "トレーサビリティ"},
    "category.circularity": {"en": "Circularity", "ja": "資源循環"},
    "category.due_diligence_management": {
        "en": "Due-diligence management",
        "ja": "デュー・ディリジェンス管理",
    },
    # Submission states
    "state.draft": {"en": "Draft", "ja": "下書き"},
    "state.submitted": {"en": "Submitted", "ja": "提出済み"},
    "state.in_review": {"en": "In review", "ja": "レビュー中"},
    "state.changes_requested": {"en": "Changes requested", "ja": "修正依頼中"},
    "state.approved": {"en": "Approved", "ja": "承認済み"},
    "state.rejected": {"en": "Rejected", "ja": "却下"},
    # Audit actions
    "audit.created": {"en": "Created", "ja": "作成"},
    "audit.saved": {"en": "Draft saved", "ja": "下書き保存"},
    "audit.evidence_uploaded": {"en": "Evidence uploaded", "ja": "証拠資料のアップロード"},
    "audit.submitted": {"en": "Submitted", "ja": "提出"},
    "audit.resubmitted": {"en": "Resubmitted", "ja": "再提出"},
    "audit.review_started": {"en": "Review started", "ja": "レビュー開始"},
    "audit.commented": {"en": "Comment", "ja": "コメント"},
    "audit.changes_requested": {"en": "Changes requested", "ja": "修正依頼"},
    "audit.scored": {"en": "Scored", "ja": "スコア算定"},
    "audit.rescored": {"en": "Re-scored", "ja": "再算定"},
    "audit.finding_accepted": {"en": "Finding accepted", "ja": "指摘事項を採用"},
    "audit.finding_dismissed": {"en": "Finding dismissed", "ja": "指摘事項を不採用"},
    "audit.approved": {"en": "Approved", "ja": "承認"},
    "audit.rejected": {"en": "Rejected", "ja": "却下"},
    "audit.shared": {"en": "Shared with a buyer", "ja": "バイヤーと共有"},
    "audit.report_generated": {"en": "Report generated", "ja": "報告書を作成"},
}


def label(key: str, lang: str, **params: object) -> str:
    """Return the label ``key`` in ``lang``, with ``%(name)s`` placeholders filled.

    :raises KeyError: if there is no such label.
    """
    text = LABELS[key].get(lang) or LABELS[key]["en"]
    return text % params if params else text


def code_label(prefix: str, code: str, lang: str) -> str:
    """Return the label of a data code (``mineral``, ``stage``, ...), or the code itself."""
    entry = LABELS.get(f"{prefix}.{code}")
    if entry is None:
        return code
    return entry.get(lang) or entry["en"]
