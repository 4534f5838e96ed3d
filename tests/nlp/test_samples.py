"""The six province sample documents yield exactly the facts of the scenario they describe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.extract import extract_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "province"
HENGDA = ("苏州恒达服饰有限公司", "91320505MA1MXK3L5G")
HENGSHENG = ("苏州恒盛商贸有限公司", "91320505MA27QW8T13")
YAYUN = ("南京雅韵化妆品有限公司", "91320102MA1NQR4U8X")
LANHU = ("无锡澜湖纺织科技有限公司", "91320213MA1WBX6P2D")
MEIYAN = ("苏州美研生物科技有限公司", "91320594MA1T7H9K3C")
JINLING = ("江苏金陵电器股份有限公司", "913201001345637283")
DINGXIN = ("常州鼎新机械有限公司", "91320411MA1XY2D497")

EXPECTED = {
    "rulings/2021-su05-minchu-1234.txt": {
        "doc_type": {"kind": "ruling", "branch": "civil", "form": "判决书"},
        "case_no": "(2021)苏05民初1234号", "court": "江苏省苏州市中级人民法院",
        "judgment_date": "2021-10-12", "cause": "侵害商标权纠纷",
        "parties": [("原告", None, *LANHU, "周澜"), ("被告", None, *HENGDA, "王建国")],
        "trademark_numbers": ["12345678"], "patent_numbers": [],
        "damages_claimed": 500_000, "damages_awarded": 150_000, "infringement_found": True,
        "punitive_multiple": None, "stop_order": True, "penalty": None,
        "cited_case_numbers": [], "cited_decision_numbers": [],
    },
    "rulings/2022-su01-minzhong-567.txt": {
        "doc_type": {"kind": "ruling", "branch": "civil", "form": "判决书"},
        "case_no": "(2022)苏01民终567号", "court": "江苏省南京市中级人民法院",
        "judgment_date": "2022-06-08", "cause": "侵害商标权纠纷",
        "parties": [("上诉人", "原审被告", *YAYUN, "陈雅"),
                    ("被上诉人", "原审原告", *MEIYAN, "刘美")],
        "trademark_numbers": ["23456789"], "patent_numbers": [],
        "damages_claimed": 200_000, "damages_awarded": None, "infringement_found": True,
        "punitive_multiple": None, "stop_order": False, "penalty": None,
        "cited_case_numbers": ["(2021)苏0102民初3344号"], "cited_decision_numbers": [],
    },
    "rulings/2024-su0505-minchu-789.html": {
        "doc_type": {"kind": "ruling", "branch": "civil", "form": "判决书"},
        "case_no": "(2024)苏0505民初789号", "court": "江苏省苏州市虎丘区人民法院",
        "judgment_date": "2024-03-20", "cause": "侵害商标权纠纷",
        "parties": [("原告", None, *LANHU, "周澜"), ("被告", None, *HENGSHENG, "王建国")],
        "trademark_numbers": ["12345678"], "patent_numbers": [],
        "damages_claimed": 400_000, "damages_awarded": 300_000, "infringement_found": True,
        "punitive_multiple": 2, "stop_order": True, "penalty": None,
        "cited_case_numbers": ["(2021)苏05民初1234号"],
        "cited_decision_numbers": ["苏市监罚〔2023〕112号"],
    },
    "rulings/2023-su05-zhiminchu-88.txt": {
        "doc_type": {"kind": "ruling", "branch": "civil", "form": "判决书"},
        "case_no": "(2023)苏05知民初88号", "court": "苏州市中级人民法院",
        "judgment_date": "2023-09-05", "cause": "侵害发明专利权纠纷",
        "parties": [("原告", None, *JINLING, "赵金陵"), ("被告", None, *DINGXIN, "孙鼎")],
        "trademark_numbers": [], "patent_numbers": ["202110123456.7"],
        "damages_claimed": 1_000_000, "damages_awarded": None, "infringement_found": False,
        "punitive_multiple": None, "stop_order": False, "penalty": None,
        "cited_case_numbers": [], "cited_decision_numbers": [],
    },
    "penalties/su-shijianfa-2023-112.txt": {
        "doc_type": {"kind": "penalty", "branch": "administrative", "form": "决定书"},
        "case_no": None, "court": None, "judgment_date": "2023-05-18",
        "parties": [("当事人", None, *HENGDA, "王建国")],
        "trademark_numbers": ["12345678"], "patent_numbers": [],
        "damages_claimed": None, "damages_awarded": None, "infringement_found": True,
        "penalty": {"decision_no": "苏市监罚〔2023〕112号", "authority": "苏州市市场监督管理局",
                    "violation": "销售侵犯注册商标专用权的商品", "fine": 80_000,
                    "confiscation": True,
                    "basis": "《中华人民共和国商标法》第五十七条第（三）项、第六十条第二款",
                    "decision_date": "2023-05-18"},
        "statutes": ["《中华人民共和国商标法》第五十七条第（三）项",
                     "《中华人民共和国商标法》第六十条第二款"],
        "cited_case_numbers": ["(2021)苏05民初1234号"], "source_statements": [],
    },
    "penalties/xi-shijianchufa-2022-45.txt": {
        "doc_type": {"kind": "penalty", "branch": "administrative", "form": "决定书"},
        "case_no": None, "court": None, "judgment_date": "2022-11-03",
        "parties": [("当事人", None, "无锡市梁溪区明记服装店", None, None)],
        "trademark_numbers": ["12345678"],
        "infringement_found": True,
        "penalty": {"decision_no": "锡市监处罚〔2022〕45号", "authority": "无锡市市场监督管理局",
                    "violation": "销售侵犯注册商标专用权的商品", "fine": 20_000,
                    "confiscation": True,
                    "basis": "《中华人民共和国商标法》第五十七条第（三）项、第六十条第二款",
                    "decision_date": "2022-11-03"},
    },
}


def _read(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_extracts_the_scenario(name: str) -> None:
    result = extract_document(_read(name))
    for field, expected in EXPECTED[name].items():
        if field == "parties":
            got = [(p["role"], p["qualifier"], p["name"], p["uscc"], p["legal_rep"])
                   for p in result["parties"]]
            assert got == expected, name
        else:
            assert result[field] == expected, (name, field)
    json.dumps(result, ensure_ascii=False)  # plain data all the way down


def test_sample_sizes_are_those_of_real_documents() -> None:
    for name in EXPECTED:
        assert 1024 <= len((SAMPLES / name).read_bytes()) <= 3100, name


def test_party_details() -> None:
    first = extract_document(_read("rulings/2021-su05-minchu-1234.txt"))
    plaintiff, defendant = first["parties"]
    assert defendant["former_names"] == ["苏州恒达服装厂"]
    assert defendant["address"].endswith("苏州市虎丘区金山路88号")
    assert defendant["short_name"] == "恒达公司"
    assert [a["name"] for a in plaintiff["attorneys"]] == ["沈立文", "顾晓"]
    assert {a["firm"] for a in plaintiff["attorneys"]} == {"江苏锡城律师事务所"}

    shop = extract_document(_read("penalties/xi-shijianchufa-2022-45.txt"))["parties"][0]
    assert shop["operator"] == "李明"
    assert shop["kind"] == "organisation"
    assert shop["address"] == "无锡市梁溪区中山路256号"


def test_source_statement_names_the_supplier() -> None:
    result = extract_document(_read("penalties/xi-shijianchufa-2022-45.txt"))
    (statement,) = result["source_statements"]
    assert statement["supplier"] == "苏州恒达服饰有限公司"
    assert "其所售商品系从苏州恒达服饰有限公司进货" in statement["text"]
    raw = _read("penalties/xi-shijianchufa-2022-45.txt")
    assert raw[statement["span"][0]:statement["span"][1]] == statement["text"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_spans_point_at_the_values(name: str) -> None:
    raw = _read(name)
    result = extract_document(raw)
    flat = {**result, **(result["penalty"] or {})}
    assert {"judgment_date"} <= set(result["spans"])
    for field, (start, end) in result["spans"].items():
        assert 0 <= start < end <= len(raw), field
        value = flat[field]
        if isinstance(value, str) and field not in ("case_no", "decision_no", "judgment_date",
                                                    "decision_date"):
            assert "".join(raw[start:end].split()) == "".join(value.split()), field
    if result["case_no"]:
        assert "".join(raw[slice(*result["spans"]["case_no"])].split()).replace(
            "（", "(").replace("）", ")") == result["case_no"]
    for party in result["parties"]:
        assert party["name"] in raw[party["span"][0]:party["span"][1]]


def test_samples_join_the_registry() -> None:
    """Every USCC a sample prints names the same company in the registry sample."""
    registry_file = SAMPLES / "companies.jsonl"
    if not registry_file.exists():
        pytest.skip("no registry sample")
    registry = {}
    for line in registry_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("uscc") and record.get("name"):
            registry[record["uscc"]] = record
    for name in EXPECTED:
        for party in extract_document(_read(name))["parties"]:
            if party["uscc"]:
                record = registry[party["uscc"]]
                assert record["name"] == party["name"], (name, party["name"])
                assert party["legal_rep"] == record["legal_rep"]["name"], (name, party["name"])
