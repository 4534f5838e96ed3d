"""Chinese numerals, money and dates as legal documents write them.

Judgments write dates in Chinese numerals (二〇二一年十月十二日, with 〇, ○, Ｏ or 零 for zero),
claims in 万元 (赔偿50万元), and penalty decisions in 大写 (罚款人民币捌万元). Everything here
works on already-normalised text (see ``nlp.text``) and returns plain ints and ISO strings.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from nlp.text import normalise_char

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
DIGITS.update({str(d): d for d in range(10)})
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_CN_DIGITS = "零〇○一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_UNITS = "十拾百佰千仟万萬亿億"
CN_NUMBER = f"[{_CN_DIGITS}十拾][{_CN_DIGITS}{_CN_UNITS}]*"
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"

_AMOUNT = re.compile(
    rf"(?:人民币|RMB|[￥¥])?(?P<num>{ARABIC_NUMBER}|{CN_NUMBER})"
    r"(?P<unit>万|亿|千|百)?(?:多|余)?(?P<yuan>元|圆)(?:整)?"
)
_YEAR_DIGIT = "0-9〇○O零一二三四五六七八九"
_DAY_NUM = "0-9一二三四五六七八九十廿卅"
_DATE = re.compile(
    rf"(?<![0-9〇○零一二三四五六七八九])(?P<y>[{_YEAR_DIGIT}]{{4}})(?:年|(?=[一二三四五六七八九十]{{1,2}}月))"
    rf"(?P<m>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})月"
    rf"(?P<d>[{_DAY_NUM}]{{1,3}})?日"
)


def _fold(text: str) -> str:
    """Width-folded, without whitespace: callers may pass text straight from a document."""
    return "".join(normalise_char(ch) for ch in text).replace("\n", "")


def cn_to_int(text: str) -> int:
    """Parse 一百零五 / 壹拾伍万 / 二〇二一 / 1,500 / 两千 into an int.

    A run of digits without units (二〇二一) is read digit by digit, as years are written.
    Raises ValueError for anything that is not a whole number.
    """
    s = _fold(text).replace(",", "")
    if not s:
        raise ValueError("empty numeral")
    if s.isascii() and s.isdigit():
        return int(s)
    if all(ch in DIGITS for ch in s):
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = section = digit = 0
    seen_digit = False
    for ch in s:
        if ch in DIGITS:
            digit = digit * 10 + DIGITS[ch] if ch.isascii() else DIGITS[ch]
            seen_digit = True
        elif ch in SMALL_UNITS:
            section += (digit if seen_digit else 1) * SMALL_UNITS[ch]
            digit, seen_digit = 0, False
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            value = section + digit
            if not value and not total:
                value = 1  # a bare 万 reads as 一万
            if unit > 10_000:
                total = (total + value) * unit
            else:
                total += value * unit
            section, digit, seen_digit = 0, 0, False
        else:
            raise ValueError(f"not a numeral character: {ch!r} in {text!r}")
    return total + section + digit


def _to_decimal(num: str) -> Decimal:
    num = num.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        try:
            return Decimal(num)
        except InvalidOperation as exc:  # pragma: no cover - regex guarantees the form
            raise ValueError(num) from exc
    return Decimal(cn_to_int(num))


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_amount(text: str) -> int | float:
    """Money in yuan: 50万元 → 500000, 人民币捌万元整 → 80000, 150,000元 → 150000.

    Whole yuan come back as int; amounts with jiao/fen as float. Raises ValueError.
    """
    m = _AMOUNT.fullmatch(_fold(text))
    if not m:
        raise ValueError(f"not an amount of money: {text!r}")
    return _amount_value(m)


def _amount_value(m: re.Match[str]) -> int | float:
    value = _to_decimal(m.group("num"))
    unit = m.group("unit")
    if unit:
        value *= {"万": 10_000, "亿": 100_000_000, "千": 1000, "百": 100}[unit]
    return _as_number(value)


def find_amounts(text: str, start: int = 0,
                 end: int | None = None) -> list[tuple[int | float, int, int]]:
    """Every amount of money in ``text[start:end]`` as (yuan, start, end)."""
    out = []
    for m in _AMOUNT.finditer(text, start, len(text) if end is None else end):
        try:
            out.append((_amount_value(m), m.start(), m.end()))
        except ValueError:
            continue
    return out


def parse_cn_date(text: str) -> str:
    """二〇二一年十月十二日 / 2023年5月18日 / 二○一六四月十二日 → ISO ``YYYY-MM-DD``.

    Raises ValueError when there is no complete, real calendar date.
    """
    m = _DATE.fullmatch(_fold(text))
    if not m:
        raise ValueError(f"not a date: {text!r}")
    return _date_value(m)


def _date_value(m: re.Match[str]) -> str:
    if not m.group("d"):
        raise ValueError(f"date without a day: {m.group(0)!r}")
    year = cn_to_int(m.group("y"))
    month = cn_to_int(m.group("m"))
    day_text = m.group("d").replace("廿", "二十").replace("卅", "三十")
    day = cn_to_int(day_text)
    return dt.date(year, month, day).isoformat()


def find_dates(text: str, start: int = 0,
               end: int | None = None) -> list[tuple[str | None, int, int]]:
    """Every date in ``text[start:end]`` as (ISO date or None when incomplete, start, end)."""
    out: list[tuple[str | None, int, int]] = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        try:
            out.append((_date_value(m), m.start(), m.end()))
        except ValueError:
            out.append((None, m.start(), m.end()))
    return out


_LOWER = "零一二三四五六七八九"
_UPPER = "零壹贰叁肆伍陆柒捌玖"


def int_to_cn(n: int, upper: bool = False) -> str:
    """The inverse of ``cn_to_int``: 105 → 一百零五, upper=True → 壹佰零伍 (as on fines)."""
    if n < 0:
        raise ValueError("negative numbers are not written in judgments")
    digits = _UPPER if upper else _LOWER
    units = ("", "拾", "佰", "仟") if upper else ("", "十", "百", "千")
    big = ("", "万", "亿")
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    if len(groups) > len(big):
        raise ValueError("numbers of 10^12 and above are not supported")
    out = ""
    need_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        group = groups[idx]
        if group == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or group < 1000):
            out += digits[0]
        out += _group_to_cn(group, digits, units) + big[idx]
        need_zero = False
    if not upper and out.startswith("一十"):
        out = out[1:]
    return out


def _group_to_cn(group: int, digits: str, units: tuple[str, ...]) -> str:
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        d = group // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[d] + units[pos]
    return out


def format_cn_date(day: dt.date) -> str:
    """2021-10-12 → 二〇二一年十月十二日, the way a judgment is signed."""
    year = "".join("〇一二三四五六七八九"[int(c)] for c in f"{day.year:04d}")
    return f"{year}年{int_to_cn(day.month)}月{int_to_cn(day.day)}日"
