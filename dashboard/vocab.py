"""Chinese names, phrases and colours for the graph model, so every page speaks the users' words.

Labels and relationship types come from ``graph/schema.yaml``; anything the tables below do not
name falls back to the schema's own English name rather than disappearing.
"""

from __future__ import annotations

LABEL_NAMES: dict[str, str] = {
    "Company": "企业",
    "Person": "自然人",
    "Agency": "代理机构",
    "Trademark": "商标",
    "Patent": "专利",
    "Case": "案件",
    "Penalty": "行政处罚",
    "Infringement": "侵权行为",
    "Court": "法院",
    "Authority": "执法机关",
    "Address": "地址",
    "Phone": "电话",
    "Email": "邮箱",
    "Document": "来源文件",
    "Finding": "风险发现",
    "Grade": "信用等级",
    "ListEntry": "名单条目",
    "Lead": "线索",
    "Alert": "预警",
    "Decision": "决定",
}

LABEL_COLOURS: dict[str, str] = {
    "Company": "#1f6fb2",
    "Person": "#e07b24",
    "Agency": "#7b4fb0",
    "Trademark": "#2a9d5c",
    "Patent": "#14a3a3",
    "Case": "#c0392b",
    "Penalty": "#b03a6f",
    "Infringement": "#8e1b1b",
    "Court": "#6d6d6d",
    "Authority": "#6d6d6d",
    "Address": "#a0855b",
    "Phone": "#a0855b",
    "Email": "#a0855b",
    "Document": "#9aa5b1",
    "Finding": "#d4a017",
    "Grade": "#d4a017",
}
DEFAULT_COLOUR = "#888888"

# The labels the network view hides unless asked: the platform's own records, not the world.
DERIVED_LABELS: frozenset[str] = frozenset({"Grade", "Finding", "Document"})

# Entities that can carry a credit grade.
GRADED_LABELS: frozenset[str] = frozenset({"Company", "Person", "Agency"})

# Short names used to label edges in the network pictures.
REL_NAMES: dict[str, str] = {
    "LEGAL_REP_OF": "法定代表人",
    "SHAREHOLDER_OF": "股东",
    "OFFICER_OF": "任职",
    "LOCATED_AT": "地址",
    "HAS_PHONE": "电话",
    "HAS_EMAIL": "邮箱",
    "APPLIED_FOR": "申请",
    "OWNS": "权利人",
    "ASSIGNED_TO": "转让",
    "AGENT_FOR": "代理",
    "OPPOSED": "异议",
    "INVALIDATION_REQUESTED": "无效宣告",
    "PARTY_TO": "当事人",
    "COMMITTED": "实施",
    "INFRINGES": "侵犯",
    "FOUND_IN": "认定于",
    "PENALIZED_IN": "处罚于",
    "SUPPLIED_BY": "供货来源",
    "DECIDED_BY": "审理法院",
    "ISSUED_BY": "决定机关",
    "EVIDENCED_BY": "证据",
    "SIMILAR_TO": "近似",
    "FINDING_ABOUT": "发现",
    "GRADE_OF": "等级",
    "APPEALED_IN": "上诉",
    "LISTED": "列入",
    "BASED_ON": "依据",
    "TRANSITION_OF": "流程",
    "ISSUED_FOR": "文书",
    "LEAD_ABOUT": "线索对象",
    "LEAD_FROM": "线索来源",
}

# How a fact reads from each end: (seen from the start node, seen from the end node).
REL_PHRASES: dict[str, tuple[str, str]] = {
    "LEGAL_REP_OF": ("担任法定代表人", "法定代表人"),
    "SHAREHOLDER_OF": ("持股", "股东"),
    "OFFICER_OF": ("任职于", "高管"),
    "LOCATED_AT": ("登记地址", "登记于此的主体"),
    "HAS_PHONE": ("联系电话", "使用该电话的主体"),
    "HAS_EMAIL": ("电子邮箱", "使用该邮箱的主体"),
    "APPLIED_FOR": ("申请", "申请人"),
    "OWNS": ("持有", "权利人"),
    "ASSIGNED_TO": ("转让给", "受让自"),
    "AGENT_FOR": ("代理", "代理机构"),
    "OPPOSED": ("提出异议", "被提出异议"),
    "INVALIDATION_REQUESTED": ("请求宣告无效", "被请求宣告无效"),
    "PARTY_TO": ("当事人", "当事人"),
    "COMMITTED": ("实施侵权", "侵权人"),
    "INFRINGES": ("侵犯", "被侵犯于"),
    "FOUND_IN": ("认定于案件", "认定的侵权"),
    "PENALIZED_IN": ("处罚于", "处罚的侵权"),
    "SUPPLIED_BY": ("供货来源", "供货给"),
    "DECIDED_BY": ("审理法院", "审理案件"),
    "ISSUED_BY": ("决定机关", "作出的处罚"),
    "EVIDENCED_BY": ("证据", "作为证据支持"),
    "SIMILAR_TO": ("近似于", "近似于"),
    "FINDING_ABOUT": ("涉及主体", "风险发现"),
    "GRADE_OF": ("等级对象", "信用等级"),
    "APPEALED_IN": ("上诉审", "原审"),
    "LISTED": ("列入主体", "名单记录"),
    "BASED_ON": ("列入依据", "据以列入的名单记录"),
    "TRANSITION_OF": ("流程节点", "流程记录"),
    "ISSUED_FOR": ("所涉名单记录", "已送达文书"),
    "LEAD_ABOUT": ("线索对象", "调查线索"),
    "LEAD_FROM": ("来源发现", "生成的线索"),
}

GRADE_NAMES: dict[str, str] = {"A": "守信", "B": "一般", "C": "重点关注", "D": "严重失信"}

PROPERTY_NAMES: dict[str, str] = {
    "name": "名称", "uscc": "统一社会信用代码", "uscc_valid": "信用代码校验",
    "former_names": "曾用名",
    "short_names": "简称", "legal_form": "类型", "region": "地区", "address": "地址",
    "capital": "注册资本", "founded": "成立日期", "status": "状态", "scope": "经营范围",
    "kind": "类别", "id_number_masked": "证件号(脱敏)", "nationality": "国籍",
    "number": "号码", "mark": "商标", "nice_class": "尼斯分类", "goods": "商品/服务",
    "filed": "申请日", "registered": "注册日", "famous": "驰名", "title": "标题",
    "abstract": "摘要", "ipc": "IPC", "case_no": "案号", "court_name": "法院",
    "doc_kind": "文书类型", "procedure": "程序", "cause": "案由", "judgment_date": "裁判日期",
    "infringement_found": "认定侵权", "damages_claimed": "诉请赔偿", "damages_awarded": "判赔金额",
    "punitive": "惩罚性赔偿", "decision_no": "决定书文号", "authority_name": "决定机关",
    "violation": "违法行为", "fine": "罚款", "confiscation": "没收", "basis": "依据",
    "decision_date": "决定日期", "date": "日期", "established_by": "认定依据",
    "right_kind": "权利类型", "intentional": "故意", "text": "文本", "sha256": "SHA-256",
    "path": "路径", "source": "来源", "received_at": "接收时间", "detector": "检测器",
    "entity_label": "对象类型", "entity_id": "对象编号", "score": "分数", "summary": "摘要",
    "policy_entry": "政策条目", "policy_version": "政策版本", "evidence": "证据",
    "documents": "来源文件", "as_of": "计算时间", "grade": "等级", "candidate": "候选",
    "factors": "因素", "role": "角色", "stake": "持股比例", "qualifier": "限定",
    "mention": "文书所载名称",
}


def label_name(label: str) -> str:
    """The Chinese name of a label, with the schema name when there is none."""
    return LABEL_NAMES.get(label, label)


def label_colour(label: str) -> str:
    return LABEL_COLOURS.get(label, DEFAULT_COLOUR)


def rel_name(rel: str) -> str:
    return REL_NAMES.get(rel, rel)


def property_name(prop: str) -> str:
    return PROPERTY_NAMES.get(prop, prop)


def rel_phrase(rel: str, outgoing: bool) -> str:
    """How the fact reads from the node being viewed (``outgoing``: it is the edge's start)."""
    phrases = REL_PHRASES.get(rel)
    if phrases is None:
        return rel if outgoing else f"← {rel}"
    return phrases[0] if outgoing else phrases[1]
