"""The company matcher: variant names merge, namesakes elsewhere do not, and every merge explains itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.matching.model import get_algorithm
from tests.ingest.matching.factory import HENGDA, HENGDA_WUXI, JINLING, company, resolver

REGISTER = (
    company("苏州恒达服饰有限公司", HENGDA, former_names=["苏州恒达服装厂"],
            address="苏州市虎丘区金山路88号"),
    company("江苏金陵电器股份有限公司", JINLING),
)


def test_variant_spellings_of_a_name_resolve_to_the_registered_company():
    r = resolver(*REGISTER)
    for printed, method in [
        ("苏州恒达服饰有限公司", "name"),
        ("苏州恒达服饰有限责任公司", "name"),  # legal form
        ("江苏省苏州恒达服饰有限公司", "name"),  # province prefix
        ("苏州恒达服饰\u3000有限公司", "name"),  # full-width space
        ("蘇州恆達服飾有限公司", "name"),  # traditional characters
        ("苏州恒达服装厂", "former_name"),
        ("恒达服饰有限公司", "name_without_region"),  # no place, and no namesake elsewhere
        ("金陵电器股份有限公司", "name"),  # 江苏 is dropped from every key
    ]:
        resolution = r.resolve(printed)
        assert (resolution.node_id, resolution.method) == (
            HENGDA if "恒" in printed or "恆" in printed else JINLING, method), printed
        assert resolution.score is not None and resolution.score >= 0.7


def test_a_name_without_its_place_stays_apart_when_two_cities_have_it():
    r = resolver(*REGISTER, company("无锡恒达服饰有限公司", HENGDA_WUXI))
    resolution = r.resolve("恒达服饰有限公司")
    assert resolution.method == "new_name" and resolution.node_id == "name:恒达服饰有限公司"
    decisions = {c["candidate"]: c["decision"] for c in r.explain("恒达服饰有限公司")["candidates"]}
    assert decisions[HENGDA] in ("ambiguous", "outscored")
    assert decisions[HENGDA_WUXI] in ("ambiguous", "outscored")
    # the place settles it
    assert r.resolve("无锡恒达服饰有限公司").node_id == HENGDA_WUXI


def test_a_namesake_in_another_city_is_not_merged():
    r = resolver(*REGISTER)
    resolution = r.resolve("南京恒达服饰有限公司")
    assert resolution.method == "new_name"
    row = r.explain("南京恒达服饰有限公司")["candidates"][0]
    assert row["candidate"] == HENGDA and row["decision"] == "below_threshold"
    assert "region_conflict" in row["features"]


def test_a_variant_character_merges_only_with_the_address_or_legal_rep_agreeing():
    r = resolver(*REGISTER, people={HENGDA: ["王建国"]})
    assert r.resolve("苏州衡达服饰有限公司").method == "new_name"  # 衡 for 恒: same sound
    with_context = r.resolve("苏州衡达服饰有限公司", address="苏州市虎丘区金山路88号",
                             legal_rep="王建国")
    assert (with_context.node_id, with_context.method) == (HENGDA, "similar_name")
    sister = r.resolve("苏州恒达服装有限公司", address="苏州市虎丘区金山路88号", legal_rep="王建国")
    assert sister.method == "new_name"  # same boss, same address, another company


def test_a_printed_uscc_wins_and_is_explained():
    r = resolver(*REGISTER)
    resolution = r.resolve("随便写的名字有限公司", HENGDA)
    assert (resolution.node_id, resolution.method) == (HENGDA, "uscc")
    assert resolution.match == "uscc 1.00 company-match.v1"
    top = r.explain("随便写的名字有限公司", HENGDA)["candidates"][0]
    assert top["candidate"] == HENGDA and top["features"]["uscc_equal"]["score"] == 1.0


def test_an_explanation_lists_features_weights_threshold_and_the_decision():
    report = resolver(*REGISTER).explain("江苏省苏州恒达服饰有限责任公司")
    assert report["decision"]["node_id"] == HENGDA
    assert report["algorithm"] == {"name": "company-match.v1", "threshold": 0.7, "margin": 0.05}
    chosen = report["candidates"][0]
    assert chosen["decision"] == "chosen" and chosen["total"] == 0.95
    assert chosen["features"]["name_equal"]["weight"] == 0.95
    assert "equals the registered name" in chosen["features"]["name_equal"]["detail"]
    assert report["blocks"]["used"]  # candidates came from blocks


def test_unrelated_companies_are_never_candidates():
    r = resolver(*REGISTER)
    ids = {c["candidate"] for c in r.explain("常州鼎新机械有限公司")["candidates"]}
    assert ids == set()


def test_a_block_too_large_is_skipped_and_reported():
    many = [company(f"南京恒达{word}有限公司", f"9132010{i:02d}MA1XY2D49{i % 10}")
            for i, word in enumerate(["服饰", "电器", "机械", "食品", "箱包", "文具"])]
    r = resolver(*many)
    r.index.max_block = 3
    report = r.explain("恒达灯饰有限公司")
    assert report["blocks"]["skipped"]
    assert len(report["candidates"]) <= 3


def test_every_feature_of_the_model_is_documented():
    model = get_algorithm("company-match.v1").describe()
    assert model["threshold"] == 0.7
    for name, feature in model["features"].items():
        assert feature["description"] and feature["doc"], name
    assert {f["group"] for f in model["features"].values()} == {"evidence", "support", "qualifier"}


TRADE = st.text(alphabet="恒达盛鑫华泰瑞丰源诚信隆兴宏嘉", min_size=2, max_size=3)
WIDTH = st.sampled_from(["", "江苏省"])


@settings(max_examples=60, deadline=None)
@given(trade=TRADE, prefix=WIDTH, form=st.sampled_from(["有限公司", "有限责任公司"]))
def test_spelling_variants_never_change_the_resolution(trade, prefix, form):
    registered = company(f"苏州{trade}服饰有限公司", HENGDA)
    r = resolver(registered)
    assert r.resolve(f"{prefix}苏州{trade}服饰{form}").node_id == HENGDA
    assert r.resolve(f"无锡{trade}服饰有限公司").node_id != HENGDA
