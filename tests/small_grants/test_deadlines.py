"""The days of art. 19a: the publication deadline counted in Polish working days (no Saturdays, Sundays or public
holidays, 24 December included from 2025), the comment period in calendar days, and the task's length counting both
its first and its last day. Every expected date below was counted by hand on a calendar."""

import datetime

import pytest

from razem.core.deadlines import WORKING_DAYS, add_working_days, deadline
from razem.small_grants.limits import duration_days

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("received", "expected", "why"),
    [
        # 23 Dec = 1; 24, 25 Dec holidays (24 Dec from 2025); 26–27 weekend; 28–31 Dec = 2–5; 1 Jan holiday;
        # 2–3 Jan weekend; 4 Jan = 6; 5 Jan = 7.
        (D(2026, 12, 22), D(2027, 1, 5), "Christmas Eve, Christmas, New Year"),
        # 5 Jan = 1; 6 Jan (Epiphany, Wednesday) holiday; 7, 8, 11, 12, 13, 14 Jan = 2–7.
        (D(2027, 1, 4), D(2027, 1, 14), "Epiphany"),
        # 29 Mar 2027 Easter Monday; 30, 31 Mar, 1, 2, 5, 6, 7 Apr = 1–7.
        (D(2027, 3, 26), D(2027, 4, 7), "Easter Monday"),
        # 1 May 2028 (Monday) holiday; 2 May = 1; 3 May (Wednesday) holiday; 4, 5, 8, 9, 10, 11 May = 2–7.
        (D(2028, 4, 28), D(2028, 5, 11), "1 and 3 May"),
        # 25, 26 May = 1–2; 27 May 2027 Corpus Christi; 28, 31 May, 1, 2, 3 Jun = 3–7.
        (D(2027, 5, 24), D(2027, 6, 3), "Corpus Christi"),
        # 14 Aug = 1; 15 Aug 2028 (Tuesday) holiday; 16, 17, 18, 21, 22, 23 Aug = 2–7.
        (D(2028, 8, 11), D(2028, 8, 23), "Assumption, 15 August"),
        # 1 Nov 2027 (Monday) holiday; 2, 3, 4, 5, 8, 9, 10 Nov = 1–7.
        (D(2027, 10, 29), D(2027, 11, 10), "All Saints' Day"),
        # 9, 10 Nov = 1–2; 11 Nov 2027 (Thursday) holiday; 12, 15, 16, 17, 18 Nov = 3–7.
        (D(2027, 11, 8), D(2027, 11, 18), "Independence Day"),
        # No holiday: 8–11 Sep = 1–4; 14, 15, 16 Sep = 5–7.
        (D(2026, 9, 7), D(2026, 9, 16), "a week without holidays"),
        # Received on a Saturday: the count starts on Monday 14 Sep = 1 … Tuesday 22 Sep = 7.
        (D(2026, 9, 12), D(2026, 9, 22), "received on a Saturday"),
        # Before 2025, 24 December was a working day: 24 Dec 2024 = 1; 25, 26 holidays; 27, 30, 31 Dec = 2–4;
        # 1 Jan holiday; 2, 3 Jan = 5–6; 6 Jan (Monday) holiday; 7 Jan = 7.
        (D(2024, 12, 23), D(2025, 1, 7), "24 December 2024 was still a working day"),
    ],
)
def test_the_office_publishes_within_seven_polish_working_days(received, expected, why):
    assert add_working_days(received, 7) == expected, why
    found = deadline("small_grant_publication_working_days", received)
    assert found.date == expected
    assert found.days == 7 and found.counting == WORKING_DAYS
    assert found.legal_ref == "art. 19a ust. 3 u.d.p.p.w."


def test_the_comment_period_counts_calendar_days_holidays_included():
    # Published on Monday 21 December 2026: seven calendar days, Christmas included, end on Monday 28 December.
    found = deadline("small_grant_comment_days", D(2026, 12, 21))
    assert found.date == D(2026, 12, 28)
    assert found.legal_ref == "art. 19a ust. 4 u.d.p.p.w."


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (D(2027, 3, 1), D(2027, 3, 1), 1),
        (D(2027, 3, 1), D(2027, 5, 29), 90),
        (D(2027, 3, 1), D(2027, 5, 30), 91),
        (D(2028, 1, 1), D(2028, 3, 30), 90),  # 2028 is a leap year: 31 + 29 + 30
        (D(2026, 12, 1), D(2027, 2, 28), 90),  # across the new year
    ],
)
def test_the_task_lasts_from_its_first_to_its_last_day_both_included(start, end, days):
    assert duration_days(start, end) == days
