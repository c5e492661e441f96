# ruff: noqa: E501 - bilingual sample content reads best one entry per line
"""Answers of the sample report: a DRC cobalt processor's questionnaire, section by section.

Each question is ``(id, English, Japanese, answer, evidence)``; an answer is a
bilingual mapping or a plain string as the supplier typed it; evidence is a
list of ``(file name, valid until)``.
"""

from __future__ import annotations

from datetime import date

YES = {"en": "Yes", "ja": "はい"}
NO = {"en": "No", "ja": "いいえ"}
UNKNOWN = {"en": "Unknown", "ja": "不明"}


def partly(en: str, ja: str) -> dict[str, str]:
    """Return a "partly" answer with its qualification."""
    return {"en": f"Partly — {en}", "ja": f"一部 — {ja}"}


REMEDIATION = (
    "When a violation is confirmed, the site manager opens a corrective action in the HSE "
    "register within 48 hours. Affected workers are interviewed with a union representative "
    "present & compensation is agreed case by case; back pay is transferred to the worker's "
    "own mobile-money account.\n"
    "For agency workers the agency is notified in writing and given 30 days to reimburse any "
    "fees charged. If it does not, we deduct the amount from the agency's invoice and pay it "
    "to the workers directly. Repeat cases lead to the end of the contract with the agency.\n"
    "Cases involving minors at cooperative sites are referred to the provincial child-protection "
    "service and to the cooperative's own committee; the child is enrolled in the transitional "
    "schooling programme we fund with two NGOs in Kolwezi, and the family receives a stipend "
    "for twelve months. We do not suspend the cooperative immediately, because that would push "
    "the children towards unmonitored sites; instead purchases continue under a time-bound plan "
    "with monthly visits, and are suspended if the plan is not met after six months."
)

# fmt: off
SECTIONS = [
    (
        ("Organisation and sites", "組織と拠点"),
        [
            ("ORG-01", "Legal name of the organisation", "組織の正式名称",
             "Lualaba Cobalt & Copper Processing SARL", []),
            ("ORG-02", "National company registration number", "法人登録番号",
             "CD/KZI/RCCM/19-B-00412", [("RCCM_extract_2026.pdf", None)]),
            ("ORG-03", "Countries of operation", "事業展開国",
             {"en": "Democratic Republic of the Congo, Zambia, Tanzania",
              "ja": "コンゴ民主共和国、ザンビア、タンザニア"}, []),
            ("ORG-04", "Role in the lifecycle", "ライフサイクルにおける役割",
             {"en": "Processing and refining; trading", "ja": "加工・精製、取引"}, []),
            ("ORG-05", "Total headcount, including contractors", "従業員総数（請負労働者を含む）",
             "1,284", []),
            ("ORG-06", "Share of workers employed through labour agencies",
             "派遣会社を通じて雇用されている労働者の割合", "38 %", []),
            ("ORG-07", "Number of migrant workers", "移民労働者の数", "212", []),
        ],
    ),
    (
        ("Sourcing and traceability", "調達とトレーサビリティ"),
        [
            ("SRC-01", "Have you identified all mines of origin of the cobalt you process?",
             "処理するコバルトの原産鉱山をすべて特定していますか",
             partly("60 % of feed by volume", "原料の60 %（数量ベース）"),
             [("mine-list_2026-Q2.xlsx", None)]),
            ("SRC-02", "Share of feed from artisanal and small-scale mining (ASM)",
             "手掘り・小規模採掘（ASM）由来の原料の割合", "22 %", []),
            ("SRC-03", "Do you source from conflict-affected and high-risk areas (CAHRA)?",
             "紛争地域および高リスク地域（CAHRA）から調達していますか", YES, []),
            ("SRC-04", "Is enhanced due diligence applied to CAHRA sources?",
             "CAHRA由来の調達に強化されたデュー・ディリジェンスを実施していますか", NO, []),
            ("SRC-05", "Describe your chain-of-custody documentation",
             "加工流通過程の管理（CoC）文書について説明してください",
             "Lot certificates are held by our trading partner <script>alert('lot')</script> "
             "& are shared with buyers on request.",
             [("chain-of-custody_lot-register_2026-Q2_Kolwezi-Likasi-consolidated"
               "_final_v7.xlsx", None)]),
            ("SRC-06", "Do any inputs originate in Xinjiang or involve entities on the "
             "UFLPA Entity List?",
             "新疆ウイグル自治区由来の原料、またはUFLPAエンティティリスト掲載企業との取引は"
             "ありますか", UNKNOWN, []),
            ("SRC-07", "Recycled share of cobalt input", "コバルト投入量に占めるリサイクル材の割合",
             "0 %", []),
        ],
    ),
    (
        ("Labour rights", "労働者の権利"),
        [
            ("LAB-01", "Are workers free to form and join trade unions of their own choosing?",
             "労働者は自ら選択する労働組合を結成し、加入することができますか", YES,
             [("collective-agreement_2025.pdf", date(2027, 12, 31))]),
            ("LAB-02", "Has management stated its neutrality towards union organising?",
             "経営陣は労働組合の組織化に対する中立を表明していますか", NO, []),
            ("LAB-03", "Does the non-discrimination policy cover every ground named in "
             "Art. 5.7?", "差別禁止方針は第5.7条に掲げるすべての事由を対象としていますか",
             partly("not political opinion or social origin", "政治的見解と社会的出身を除く"),
             [("HR-policy_non-discrimination_v2.pdf", None)]),
            ("LAB-04", "Lost-time injuries recorded in the last 12 months",
             "過去12か月に記録された休業災害の件数", UNKNOWN, []),
            ("LAB-05", "Minimum age for employment", "雇用の最低年齢", "18", []),
            ("LAB-06", "How do you verify the age of workers at artisanal sources?",
             "手掘り採掘の調達先で労働者の年齢をどのように確認していますか",
             "We rely on the cooperative's declaration; no independent checks.", []),
            ("LAB-07", "Have children under 18 been seen in hazardous work at any source?",
             "調達先で18歳未満の児童が危険有害業務に従事しているのを確認したことがありますか",
             YES, [("site-visit-report_Kasulo_2026-03.pdf", None)]),
        ],
    ),
    (
        ("Forced-labour indicators", "強制労働の指標"),
        [
            ("FLI-01", "Do workers pay recruitment fees or related costs?",
             "労働者は採用手数料または関連費用を負担していますか",
             {"en": "Yes — agency workers pay USD 40", "ja": "はい — 派遣労働者が40米ドルを負担"},
             []),
            ("FLI-02", "Does the employer or an agency hold workers' identity documents?",
             "雇用主または派遣会社が労働者の身分証明書を保管していますか",
             {"en": "Yes — for migrant workers during induction",
              "ja": "はい — 移民労働者の導入研修期間中"}, []),
            ("FLI-03", "Are wages withheld, delayed or paid into accounts workers do not "
             "control?", "賃金の留保・遅配、または労働者が管理できない口座への支払いはありますか",
             UNKNOWN, []),
            ("FLI-04", "Do workers owe debts to the employer, agencies or company stores?",
             "労働者は雇用主、派遣会社または社内売店に債務を負っていますか", UNKNOWN, []),
            ("FLI-05", "Can workers leave the site and housing freely outside working hours?",
             "労働者は勤務時間外に拠点や宿舎から自由に外出できますか", YES, []),
            ("FLI-06", "Are workers housed at remote sites without means of communication?",
             "通信手段のない遠隔地に居住させられている労働者はいますか", NO, []),
            ("FLI-07", "Reported incidents of physical or sexual violence (12 months)",
             "報告された身体的・性的暴力の件数（12か月）", "0", []),
            ("FLI-08", "Have workers reported threats of dismissal, denunciation or "
             "penalties?", "解雇・通報・罰則による脅しについて労働者から報告はありますか",
             UNKNOWN, []),
            ("FLI-09", "Are contract terms explained in a language workers understand before "
             "they travel?", "契約条件は渡航前に労働者が理解できる言語で説明されていますか",
             partly("Swahili only", "スワヒリ語のみ"), []),
            ("FLI-10", "Do worker dormitories meet national housing standards?",
             "労働者寮は国の住宅基準を満たしていますか", UNKNOWN, []),
            ("FLI-11", "Average weekly hours, including overtime",
             "時間外労働を含む平均週労働時間", "62 h", []),
        ],
    ),
    (
        ("Conditions of work", "労働条件"),
        [
            ("COW-01", "Do all workers, agency workers included, earn at least the legal "
             "minimum wage including wage-related benefits?",
             "派遣労働者を含むすべての労働者が、賃金関連手当を含めて法定最低賃金以上を得ていますか",
             {"en": "No — agency workers below minimum", "ja": "いいえ — 派遣労働者は最低賃金未満"},
             [("payroll-sample_2026-05.xlsx", None)]),
            ("COW-02", "Do all workers receive payslips?", "すべての労働者に給与明細が交付されていますか",
             partly("not subcontracted workers", "下請労働者を除く"), []),
            ("COW-03", "Longest weekly hours in the peak month", "繁忙月の最長週労働時間",
             "72 h", []),
            ("COW-04", "Are migrant workers enrolled in social security?",
             "移民労働者は社会保障制度に加入していますか", NO, []),
            ("COW-05", "Is maternity leave job-protected?", "出産休暇中の雇用は保護されていますか",
             YES, [("HR-policy_leave_v3.pdf", date(2028, 3, 31))]),
        ],
    ),
    (
        ("Voice and remedy", "苦情処理と救済"),
        [
            ("VOI-01", "Is the grievance mechanism open to contractors and community members?",
             "苦情処理メカニズムは請負業者や地域住民も利用できますか",
             {"en": "No — employees only", "ja": "いいえ — 従業員のみ"}, []),
            ("VOI-02", "Is there a written non-retaliation policy?",
             "報復禁止に関する文書化された方針はありますか", NO, []),
            ("VOI-03", "Is there a policy on violence and harassment, gender-based violence "
             "included?", "暴力とハラスメント（ジェンダーに基づく暴力を含む）に関する方針はありますか",
             NO, []),
            ("VOI-04", "Grievances received and resolved in the last 12 months",
             "過去12か月に受理・解決した苦情の件数", "47 received, 41 resolved", []),
            ("VOI-05", "Describe how violations are remediated", "違反の是正方法を説明してください",
             REMEDIATION, [("remediation-procedure_v1.pdf", None)]),
        ],
    ),
    (
        ("Environment", "環境"),
        [
            ("ENV-01", "Was an environmental impact assessment carried out for the tailings "
             "storage expansion?", "尾鉱貯蔵施設の拡張について環境影響評価を実施しましたか",
             NO, []),
            ("ENV-02", "Do you hold a valid water discharge permit?", "有効な排水許可を取得していますか",
             YES, [("discharge-permit_Lualaba_2023.pdf", date(2025, 6, 30))]),
            ("ENV-03", "Are hazardous waste shipments tracked with manifests?",
             "有害廃棄物の輸送はマニフェスト（管理票）で追跡されていますか",
             partly("not for cobalt hydroxide residues", "水酸化コバルト残渣を除く"), []),
            ("ENV-04", "Are any sites in or near protected areas?",
             "保護地域内またはその近隣に拠点はありますか", NO, []),
            ("ENV-05", "Environmental management system certification",
             "環境マネジメントシステムの認証",
             {"en": "None — ISO 14001 planned for 2027", "ja": "なし — 2027年にISO 14001取得予定"},
             []),
        ],
    ),
    (
        ("Circularity", "資源循環"),
        [
            ("CIR-01", "Do you measure the recycled content of your products?",
             "製品の再生材含有率を測定していますか", NO, []),
            ("CIR-02", "Do you take back spent catalysts or batteries?",
             "使用済み触媒や電池を回収していますか", NO, []),
            ("CIR-03", "Do you have waste-reduction targets?", "廃棄物削減目標はありますか", YES,
             [("waste-reduction-targets_2026.pdf", date(2026, 12, 31))]),
        ],
    ),
    (
        ("Due-diligence management", "デュー・ディリジェンス管理"),
        [
            ("DDM-01", "Does your supply-chain policy cover OECD Annex II and the worst forms "
             "of child labour?",
             "サプライチェーン方針はOECD附属書IIと最悪の形態の児童労働を対象としていますか",
             partly("Annex II only", "附属書IIのみ"), [("supply-chain-policy_2024.pdf", None)]),
            ("DDM-02", "Senior manager responsible for due diligence",
             "デュー・ディリジェンスを統括する上級管理職", "Chief Operating Officer", []),
            ("DDM-03", "Most recent third-party audit (RMAP, IRMA, …)",
             "直近の第三者監査（RMAP、IRMAなど）",
             {"en": "RMAP cobalt assessment, 2023", "ja": "RMAPコバルト評価（2023年）"},
             [("RMAP-assessment-summary_2023.pdf", date(2025, 9, 30))]),
            ("DDM-04", "Do you publish an annual due-diligence report?",
             "デュー・ディリジェンスに関する年次報告を公表していますか", NO, []),
            ("DDM-05", "Is there a time-bound corrective action plan?",
             "期限付きの是正措置計画はありますか",
             partly("for the Likasi plant only", "リカシ工場のみ"), []),
        ],
    ),
]
# fmt: on
