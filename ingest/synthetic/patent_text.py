"""Claims (权利要求书) and design notes for synthetic patents, composed from parts and features.

A genuine filing draws its claims afresh: several components, how they are joined, where, of what
shape, material and size. Two genuine filings on the same object therefore share their title
words and the drafting boilerplate but little else. A patent mill fills in one template and
varies it by swapping a component, a shape or a number, or by adding one more feature (CNIPA
Order 77 art 3(1): 明显相同, 简单组合), so its filings stay near-identical. Every choice comes from
the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

COMPONENTS = (
    "底座", "壳体", "支架", "连接杆", "卡扣", "弹簧", "导轨", "滑块", "转轴", "齿轮", "密封圈", "散热片",
    "固定板", "螺栓", "盖板", "把手", "限位块", "缓冲垫", "传感器", "控制器", "驱动电机", "导线槽",
    "通风孔", "凹槽", "凸起", "安装孔", "铰链", "磁铁", "挡板", "夹持件", "伸缩杆", "调节旋钮", "指示灯",
    "电池仓", "过滤网", "加强筋", "导向块", "锁扣", "橡胶垫", "定位销", "支撑柱", "滚轮", "套筒",
    "连接座", "弹性片", "卡槽", "托盘", "压板", "旋转盘", "收纳盒", "防护罩", "散热风扇", "电路板",
    "固定环", "连接管", "出风口", "进料口", "刮板", "喷头", "隔板",
)
RELATIONS = ("固定连接于", "转动连接于", "滑动连接于", "可拆卸地安装于", "卡接于", "螺纹连接于", "焊接于",
             "插接于", "铰接于", "粘接于")
POSITIONS = ("顶部", "底部", "一侧", "两侧", "内部", "外侧壁", "端部", "中部", "内侧壁", "下方")
SHAPES = ("圆形", "矩形", "L形", "U形", "弧形", "环形", "梯形", "T形", "椭圆形", "波浪形")
MATERIALS = ("不锈钢", "铝合金", "ABS塑料", "硅胶", "碳纤维", "尼龙", "黄铜", "聚丙烯", "橡胶", "钢化玻璃")
PURPOSES = ("便于安装", "便于拆卸", "便于清洁", "防滑", "防水", "节能", "可调节", "多功能", "便携式",
            "稳定性好", "散热良好", "降噪")
DESIGN_POINTS = ("整体形状", "正面的图案", "侧面的轮廓", "顶部的造型", "边缘的弧线", "表面的纹理",
                 "色彩的组合")
DESIGN_VIEWS = ("主视图", "立体图", "俯视图", "左视图", "后视图")


@dataclass(frozen=True)
class Feature:
    """One dependent claim: a component, where it sits or how it is joined, and one property."""

    part: str
    other: str
    relation: str
    position: str
    shape: str
    material: str
    size: int

    def text(self, thing: str, number: int) -> str:
        return (f"{number}. 根据权利要求{number - 1}所述的{thing}，其特征在于：所述{self.part}"
                f"{self.relation}所述{self.other}的{self.position}，所述{self.part}呈{self.shape}，"
                f"材质为{self.material}，厚度为{self.size}mm。")


@dataclass(frozen=True)
class Template:
    """What a filing's text is made of; a mill varies one template, a genuine filer draws anew."""

    thing: str
    purpose: str
    main: tuple[str, str, str]
    features: tuple[Feature, ...]
    effect: str

    def title(self) -> str:
        return f"一种{self.purpose}的{self.thing}"

    def claims(self) -> str:
        a, b, c = self.main
        first = (f"1. 一种{self.purpose}的{self.thing}，包括{a}、{b}和{c}，其特征在于：所述{b}"
                 f"设置于所述{a}的{self.features[0].position}，所述{c}与所述{b}相连。")
        rest = [f.text(self.thing, i + 2) for i, f in enumerate(self.features)]
        return "".join([first, *rest])

    def abstract(self, noun: str) -> str:
        a, b, c = self.main
        return (f"本{noun}公开了{self.title()}，包括{a}、{b}和{c}；所述{b}设置于所述{a}上，"
                f"{self.effect}。")


def feature(rng: random.Random) -> Feature:
    part, other = rng.sample(COMPONENTS, 2)
    return Feature(part, other, rng.choice(RELATIONS), rng.choice(POSITIONS), rng.choice(SHAPES),
                   rng.choice(MATERIALS), rng.randrange(1, 30))


def template(rng: random.Random, thing: str, effect: str, features: int | None = None) -> Template:
    """A fresh set of claims about ``thing``: what a genuine filing is drafted from."""
    count = features if features is not None else rng.randrange(3, 7)
    main = tuple(rng.sample(COMPONENTS, 3))
    return Template(thing, rng.choice(PURPOSES), (main[0], main[1], main[2]),
                    tuple(feature(rng) for _ in range(count)), effect)


def variant(rng: random.Random, base: Template) -> Template:
    """A mill's copy of ``base``: one or two small swaps, or one feature added (简单组合)."""
    out = base
    for _ in range(rng.choice((1, 1, 2))):
        roll = rng.random()
        features = list(out.features)
        i = rng.randrange(len(features))
        if roll < 0.3:
            features[i] = replace(features[i], shape=rng.choice(SHAPES), size=rng.randrange(1, 30))
        elif roll < 0.55:
            features[i] = replace(features[i], material=rng.choice(MATERIALS))
        elif roll < 0.75:
            out = replace(out, purpose=rng.choice(PURPOSES))
        else:
            features.append(feature(rng))
        out = replace(out, features=tuple(features))
    return out


def design_note(rng: random.Random, title: str) -> str:
    """The brief description (简要说明) of a design: what its design points are, which view."""
    points = "、".join(rng.sample(DESIGN_POINTS, 2))
    return (f"本外观设计产品的设计要点在于{points}，采用{rng.choice(SHAPES)}轮廓与{rng.choice(MATERIALS)}"
            f"质感；最能表明设计要点的图片为{rng.choice(DESIGN_VIEWS)}。")
