"""Names as Jiangsu's registers and courts write them, and the variants documents use.

A registered company name is region + trade word (字号) + industry + legal form (苏州恒达服饰有限公司).
Documents name the same company in other ways: full-width brackets, 有限责任公司 for 有限公司, a
leading 江苏省, a former name, or no region at all; each variant is labelled so entity
resolution can be scored per kind.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ingest.synthetic.regions import District

TRADE_CHARS = (
    "恒达盛鑫华泰瑞丰源诚信隆兴宏嘉和佳新锐金银宝汇联创博正中天海龙凤美雅韵澜湖鼎晟昌昊泽润远航"
    "德福康乐安宁永顺通益利峰云星辰光明阳春秋景翔飞腾跃卓越尚品优臻易佰万千百合众欣悦"
)
SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯史陶贺顾毛"
    "郝龚邵万钱严戴孔汤"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国文斌辉宇浩凯鹏俊峰晨阳颖婷雪琳"
    "欣悦佳怡志明海波立新永庆春梅振东晓光德胜国栋子豪思远梓涵一鸣嘉怡雨萱"
)


@dataclass(frozen=True)
class Industry:
    """What a company makes or sells, and how its marks, patents and goods are described."""

    key: str
    words: tuple[str, ...]  # the industry part of a company name
    scope: str  # 经营范围
    nice: int  # the Nice class its marks are filed in
    goods: tuple[str, ...]  # goods listed on a mark
    products: tuple[str, ...]  # goods as a ruling names them
    shop: str  # an individual business in the trade
    patent_objects: tuple[str, ...]  # what its patents are about (none: files no patents)
    ipc: str


INDUSTRIES = (
    Industry("apparel", ("服饰", "服装", "制衣"), "服装、服饰、鞋帽的生产与销售", 25,
             ("服装", "鞋", "帽", "围巾", "T恤衫"), ("女式连衣裙", "男式T恤", "休闲裤", "羽绒服", "衬衫"),
             "服装店", ("服装吊牌", "羽绒服内胆"), "A41D"),
    Industry("textile", ("纺织科技", "纺织", "家纺"), "纺织品、床上用品的研发、生产与销售", 24,
             ("纺织品", "床单", "毛巾", "被子"), ("床上四件套", "毛巾", "蚕丝被"), "家纺店",
             ("纺织面料", "蚕丝被芯"), "D03D"),
    Industry("cosmetics", ("化妆品", "生物科技", "日化"), "化妆品、日用品的研发与销售", 3,
             ("化妆品", "洗面奶", "护肤霜", "香水"), ("面霜", "精华液", "洗面奶", "口红"), "化妆品店",
             ("护肤组合物", "面膜基布"), "A61Q"),
    Industry("electric", ("电器", "电气", "电子"), "家用电器、电子产品的研发、制造与销售", 9,
             ("插座", "充电器", "耳机", "电源适配器"), ("插线板", "充电器", "蓝牙耳机", "移动电源"),
             "电器商行", ("充电器外壳", "插座保护门", "电源适配器"), "H01R"),
    Industry("machinery", ("机械", "机电", "动力设备"), "通用机械、电机配件的制造与销售", 7,
             ("电动机", "减速机", "水泵"), ("电机", "减速器", "水泵"), "五金机电经营部",
             ("电机端盖", "变频电机的散热结构", "减速器箱体"), "H02K"),
    Industry("food", ("食品", "食品科技", "餐饮管理"), "食品的生产与销售", 30,
             ("糕点", "饼干", "月饼", "面包"), ("月饼", "糕点", "饼干"), "食品店",
             ("糕点成型模具",), "A21C"),
    Industry("liquor", ("酒业", "酿酒"), "白酒、预包装食品的生产与销售", 33,
             ("白酒", "黄酒", "果酒"), ("白酒", "黄酒"), "烟酒商行", ("酒瓶防伪盖",), "B65D"),
    Industry("hardware", ("五金", "锁业", "工具"), "五金制品、锁具的制造与销售", 6,
             ("金属锁", "五金器具", "金属门"), ("门锁", "挂锁", "五金工具"), "五金店",
             ("防盗锁芯", "门锁把手"), "E05B"),
    Industry("furniture", ("家具", "家居"), "家具的设计、制造与销售", 20,
             ("家具", "办公椅", "沙发"), ("办公椅", "沙发", "餐桌"), "家具店",
             ("办公椅", "沙发扶手"), "A47C"),
    Industry("lighting", ("照明", "灯饰", "光电"), "照明器具、LED灯具的生产与销售", 11,
             ("灯", "LED灯具", "路灯"), ("LED灯泡", "吸顶灯", "台灯"), "灯饰店",
             ("LED灯具散热器", "台灯"), "F21V"),
    Industry("bags", ("箱包", "皮具"), "箱包、皮具的生产与销售", 18,
             ("手提包", "钱包", "旅行箱"), ("手提包", "钱包", "拉杆箱"), "箱包店", ("拉杆箱",), "A45C"),
    Industry("tea", ("茶业", "茶叶"), "茶叶的种植、加工与销售", 30,
             ("茶", "茶叶代用品"), ("碧螺春茶叶", "绿茶", "红茶"), "茶叶店", (), "A23F"),
    Industry("ebike", ("车业", "电动车"), "电动自行车及配件的制造与销售", 12,
             ("电动自行车", "自行车", "车辆轮胎"), ("电动自行车", "电动车充电器"), "电动车经营部",
             ("电动自行车车架", "电动车控制器"), "B62K"),
    Industry("stationery", ("文具", "文化用品"), "文具、办公用品的生产与销售", 16,
             ("笔记本", "中性笔", "文具"), ("中性笔", "笔记本", "修正带"), "文具店", ("中性笔",), "B43K"),
)
TRADING = Industry("trading", ("商贸", "贸易", "电子商务", "实业"), "日用百货、服装、电子产品的批发与零售",
                   35, ("推销(替他人)", "网上商店"), (), "商行", (), "")
AGENCY = Industry("agency", ("知识产权代理", "专利代理", "商标代理"), "商标代理、专利代理、版权代理",
                  45, ("知识产权咨询",), (), "", (), "")
PLATFORM = Industry("platform", ("网络科技", "电子商务"), "网络平台服务、互联网信息服务", 35,
                    ("网上商店", "为商品和服务的买卖双方提供在线市场"), (), "", (), "")

LEGAL_FORMS = (
    ("有限公司", "有限责任公司(自然人投资或控股)", 52),
    ("有限公司", "有限责任公司(自然人独资)", 20),
    ("有限公司", "有限责任公司", 12),
    ("有限责任公司", "有限责任公司", 8),
    ("股份有限公司", "股份有限公司(非上市、自然人投资或控股)", 3),
    ("(中国)有限公司", "有限责任公司(外国法人独资)", 2),
    ("有限公司", "有限责任公司(台港澳法人独资)", 1),
    ("有限公司", "有限责任公司(外商投资、非独资)", 2),
)

VARIANTS = ("exact", "legal_form", "fullwidth", "province", "former", "no_region", "short")


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN_CHARS) + (rng.choice(GIVEN_CHARS) if rng.random() < 0.72 else "")
    return rng.choice(SURNAMES) + given


def trade_word(rng: random.Random) -> str:
    return rng.choice(TRADE_CHARS) + rng.choice(TRADE_CHARS) + (
        rng.choice(TRADE_CHARS) if rng.random() < 0.15 else "")


def legal_form(rng: random.Random) -> tuple[str, str]:
    """(name suffix, registered legal form)."""
    forms = LEGAL_FORMS
    suffix, form, _ = rng.choices(forms, weights=[f[2] for f in forms])[0]
    return suffix, form


def region_prefix(rng: random.Random, district: District) -> str:
    """苏州 / 苏州市 / 苏州市吴中区 / 昆山 / 昆山市 / 江苏: how names start in the register."""
    if district.is_county_city:
        return rng.choice((district.name, district.name[:-1]))
    roll = rng.random()
    if roll < 0.62:
        return district.city.short
    if roll < 0.78:
        return district.city.name
    if roll < 0.93:
        return district.city.name + district.name
    return "江苏"


def company_name(rng: random.Random, district: District, trade: str, industry: Industry,
                 suffix: str) -> str:
    word = rng.choice(industry.words)
    if suffix.startswith("("):  # foreign-invested: 松冈机电(中国)有限公司 style
        place = rng.choice(("中国", district.city.short))
        return f"{trade}{word}({place}){suffix[suffix.index(')') + 1:]}"
    return f"{region_prefix(rng, district)}{trade}{word}{suffix}"


def shop_name(rng: random.Random, district: District, trade: str, industry: Industry) -> str:
    """An individual business (个体工商户): 无锡市梁溪区明记服装店."""
    mark = trade[0] + rng.choice(("记", "氏", "家", "")) if rng.random() < 0.5 else trade
    return f"{district.place}{mark}{industry.shop}"


def to_fullwidth(text: str) -> str:
    """ASCII letters, digits and brackets → their full-width forms (as many documents print)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def strip_region(name: str, district: District) -> str:
    """The name without its leading place (江苏/苏州市虎丘区/昆山市…); unchanged if it has none."""
    for place in (district.city.name + district.name, district.name, district.city.name,
                  district.name[:-1], district.city.short, "江苏省", "江苏"):
        if name.startswith(place) and len(name) - len(place) >= 4:
            return name[len(place):]
    return name


def swap_legal_form(name: str) -> str:
    if name.endswith("有限责任公司"):
        return name[:-6] + "有限公司"
    if name.endswith("有限公司") and not name.endswith("股份有限公司"):
        return name[:-4] + "有限责任公司"
    return name


def variant(name: str, kind: str, district: District, trade: str,
            former: tuple[str, ...] = ()) -> str:
    """The company's name written the ``kind`` way (falls back to the name when it cannot be)."""
    if kind == "legal_form":
        return swap_legal_form(name)
    if kind == "fullwidth":
        return to_fullwidth(name)
    if kind == "province":
        return name if name.startswith("江苏") else "江苏省" + name
    if kind == "former" and former:
        return former[-1]
    if kind == "no_region":
        return strip_region(name, district)
    if kind == "short":
        return trade + "公司"
    return name
