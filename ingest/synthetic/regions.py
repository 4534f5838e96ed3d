"""Jiangsu's cities and districts, and the courts and market regulators that sit in them.

Codes are GB/T 2260 (the USCC's positions 3–8); court codes follow REGULATIONS §7 (苏NN for the
intermediate court of region 32NN, 苏 + four digits for a basic court). A small fixed table is
enough: the generator needs plausible places, not a gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    code: str  # 4 digits, 3201 …
    name: str  # 苏州市
    old_abbrev: str  # the pre-2016 case-number abbreviation of its intermediate court
    area_code: str  # telephone
    weight: int  # share of the province's companies

    @property
    def short(self) -> str:
        return self.name[:-1]

    @property
    def court_code(self) -> str:
        return "苏" + self.code[2:]


@dataclass(frozen=True)
class District:
    code: str  # 6 digits
    name: str  # 虎丘区 / 昆山市
    city: City

    @property
    def is_county_city(self) -> bool:
        return self.name.endswith("市")

    @property
    def place(self) -> str:
        """How an address or a court name spells the district: 苏州市虎丘区, or 昆山市."""
        return self.name if self.is_county_city else self.city.name + self.name

    @property
    def stem(self) -> str:
        return self.name[:-1] if len(self.name) > 2 else self.name

    @property
    def old_abbrev(self) -> str:
        """The basic court's pre-2016 case-number abbreviation, prefixed by the city when two
        districts share a stem (鼓楼 in Nanjing and Xuzhou), so case numbers never collide."""
        shared = sum(1 for d in DISTRICTS if d.stem == self.stem) > 1
        return (self.city.old_abbrev[0] + self.stem) if shared else self.stem

    @property
    def court_code(self) -> str:
        return "苏" + self.code[2:]


_TABLE = (
    ("3201", "南京市", "宁", "025", 14, "玄武区 02|秦淮区 04|建邺区 05|鼓楼区 06|栖霞区 13|江宁区 15"),
    ("3202", "无锡市", "锡", "0510", 11, "锡山区 05|惠山区 06|滨湖区 11|梁溪区 13|新吴区 14|"
                                       "江阴市 81|宜兴市 82"),
    ("3203", "徐州市", "徐", "0516", 6, "鼓楼区 02|云龙区 03|泉山区 11|铜山区 12|邳州市 82"),
    ("3204", "常州市", "常", "0519", 8, "天宁区 02|钟楼区 04|新北区 11|武进区 12|溧阳市 81"),
    ("3205", "苏州市", "苏中", "0512", 22, "虎丘区 05|吴中区 06|相城区 07|姑苏区 08|吴江区 09|"
                                        "常熟市 81|张家港市 82|昆山市 83|太仓市 85"),
    ("3206", "南通市", "通", "0513", 7, "通州区 12|崇川区 13|启东市 81|如皋市 82|海安市 85"),
    ("3207", "连云港市", "连", "0518", 3, "连云区 03|海州区 06|赣榆区 07"),
    ("3208", "淮安市", "淮", "0517", 3, "淮安区 03|淮阴区 04|清江浦区 12"),
    ("3209", "盐城市", "盐", "0515", 4, "亭湖区 02|盐都区 03|东台市 81"),
    ("3210", "扬州市", "扬", "0514", 5, "广陵区 02|邗江区 03|江都区 12"),
    ("3211", "镇江市", "镇", "0511", 4, "京口区 02|润州区 11|丹阳市 81"),
    ("3212", "泰州市", "泰", "0523", 4, "海陵区 02|高港区 03|靖江市 82"),
    ("3213", "宿迁市", "宿", "0527", 3, "宿城区 02|宿豫区 11|沭阳县 22"),
)


def _build() -> tuple[tuple[City, ...], tuple[District, ...]]:
    """Cities and their districts; a district's code is its city's code + two digits."""
    cities, districts = [], []
    for code, name, abbrev, area, weight, spec in _TABLE:
        city = City(code, name, abbrev, area, weight)
        cities.append(city)
        for item in spec.split("|"):
            dname, tail = item.split()
            districts.append(District(code + tail, dname, city))
    return tuple(cities), tuple(districts)


CITIES, DISTRICTS = _build()
CITY_WEIGHTS = tuple(c.weight for c in CITIES)
HIGH_COURT = "江苏省高级人民法院"

# Basic courts hearing IP cases in the first instance (a handful per city in reality).
IP_BASIC_COURTS = tuple(d for d in DISTRICTS if d.code in {
    "320115", "320106", "320213", "320211", "320411", "320412", "320505", "320506", "320583",
    "320581", "320612", "320302", "321002", "321102",
})

ROADS = ("人民路", "中山路", "解放路", "建设路", "长江路", "黄河路", "太湖大道", "工业园路", "新华路",
         "和平路", "青年路", "东环路", "西环路", "南门大街", "北京路", "上海路", "创业路", "科技大道",
         "金山路", "汉中路", "通江路", "星湖街", "前进路", "珠江路", "淮海路", "运河路", "滨江大道")
PARKS = ("创业园", "科技园", "电商产业园", "商务中心", "国际商城", "小商品城", "汇金大厦", "万达广场")


def districts_of(city: City) -> tuple[District, ...]:
    return tuple(d for d in DISTRICTS if d.city.code == city.code)
