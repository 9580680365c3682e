"""Due dates of a year the installed calendar does not cover yet, from the holiday notice.

Each November the State Council's General Office publishes the next year's holiday notice
(国务院办公厅关于YYYY年部分节假日安排的通知); ``chinesecalendar`` carries it some weeks later.
Until then a plan's "遇节假日顺延" and "N个工作日内" cannot be dated for that year. Save the
notice's text (copied from www.gov.cn, or the page saved as .html) and run::

    python examples/next_year_holidays.py 2027-notice.txt
    python examples/next_year_holidays.py                  # the 2026 notice, as an example

It prints the holidays and the weekend days made working days the notice states; for a year the
installed calendar covers already, whether every day of it agrees with the notice; and the due
dates of "每月10日前报送（遇节假日顺延）" through that year, read with the notice registered.
"""

import datetime as dt
import sys
from pathlib import Path

from xiaojie.dates import (
    covered_years,
    is_working_day,
    parse_when,
    read_holiday_notice,
    register_holiday_notice,
)
from xiaojie.errors import XiaojieError


NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
（https://politics.gmw.cn/2025-11/04/content_38391083.htm）
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
"""


def report(text: str, source: str) -> str:
    """Return what the notice states and the due dates it gives a monthly report."""
    notice = read_holiday_notice(text, source=source)
    lines = [f"{notice.year}年部分节假日安排（{source}）"]
    lines += [f"  {name}：{first} 至 {last}" for name, first, last in notice.holidays]
    lines.append("  调休上班：" + "、".join(str(day) for day in sorted(notice.working_days)))
    covered = notice.year in covered_years()
    if covered:
        days = [dt.date(notice.year, 1, 1) + dt.timedelta(days=k) for k in range(366)]
        differ = [
            day
            for day in days
            if day.year == notice.year
            and (said := notice.is_working_day(day)) is not None
            and said != is_working_day(day)
        ]
        lines.append(
            f"已安装的日历已收录{notice.year}年："
            + (
                "通知所列日期与之一致。"
                if not differ
                else "与通知不一致的日期：" + "、".join(map(str, differ))
            )
        )
    register_holiday_notice(notice)
    cadence = parse_when("每月10日前（遇节假日顺延）", reference=dt.date(notice.year, 1, 1))
    lines.append("每月10日前报送（遇节假日顺延）：各月截止日期")
    for month in range(1, 13):
        window = cadence.full_window(dt.date(notice.year, month, 1))
        due = cadence.due_in(window)
        moved = "" if due == dt.date(notice.year, month, 10) else "（顺延）"
        lines.append(f"  {month}月：{due}{moved}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the report for the notice file named in ``argv`` (the 2026 notice without one)."""
    try:
        if argv:
            path = Path(argv[0])
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")  # as saved by Windows Notepad in China
            print(report(text, path.name))
        else:
            print(report(NOTICE_2026, "2026年通知"))
    except (XiaojieError, OSError, UnicodeDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
