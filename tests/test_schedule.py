"""Rule expansion: every rule kind, DST weeks, 5th and last weekdays, closures, exceptions."""

from __future__ import annotations

import datetime as dt

from generator.data.schema import Closures, Exception_, Rule
from generator.when.schedule import (
    Occurrence,
    closure_days,
    flemish_days,
    is_unknown,
    occurrences,
    open_occurrences,
    public_holidays,
)

D = dt.date
T = dt.time


def rule(**fields) -> Rule:
    return Rule.model_validate({"times": ["09:00-12:00"], **fields})


def dates(items: list[Occurrence]) -> list[dt.date]:
    return [item.date for item in items if not item.closed]


def test_weekly_on_two_days():
    got = occurrences([rule(repeat="weekly", days=["ma", "do"])], [], None, D(2026, 11, 23), D(2026, 12, 3))
    assert dates(got) == [D(2026, 11, 23), D(2026, 11, 26), D(2026, 11, 30), D(2026, 12, 3)]
    assert got[0] == Occurrence(D(2026, 11, 23), T(9), T(12))


def test_two_time_ranges_give_two_occurrences():
    got = occurrences([rule(repeat="weekly", days=["ma"], times=["13:30-16:00", "09:00-12:00"])], [], None,
                      D(2026, 11, 23), D(2026, 11, 23))
    assert [(o.opens, o.closes) for o in got] == [(T(9), T(12)), (T(13, 30), T(16))]


def test_monthly_second_and_fourth_tuesday():
    got = occurrences([rule(repeat="monthly", weeks=[2, 4], days=["di"])], [], None, D(2027, 1, 1), D(2027, 2, 28))
    assert dates(got) == [D(2027, 1, 12), D(2027, 1, 26), D(2027, 2, 9), D(2027, 2, 23)]


def test_fifth_weekday_only_in_months_that_have_one():
    got = occurrences([rule(repeat="monthly", weeks=[5], days=["do"])], [], None, D(2026, 1, 1), D(2026, 12, 31))
    assert dates(got) == [D(2026, 1, 29), D(2026, 4, 30), D(2026, 7, 30), D(2026, 10, 29), D(2026, 12, 31)]


def test_last_weekday_of_the_month():
    got = occurrences([rule(repeat="monthly", weeks=[-1], days=["vr"])], [], None, D(2027, 1, 1), D(2027, 4, 30))
    assert dates(got) == [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 26), D(2027, 4, 30)]


def test_every_other_week_counts_from_start():
    every = rule(repeat="every_other_week", days=["di"], start="2026-11-10")
    got = occurrences([every], [], None, D(2026, 11, 1), D(2026, 12, 10))
    assert dates(got) == [D(2026, 11, 10), D(2026, 11, 24), D(2026, 12, 8)]


def test_every_other_week_on_two_days():
    every = rule(repeat="every_other_week", days=["ma", "wo"], start="2026-11-23")
    got = occurrences([every], [], None, D(2026, 11, 23), D(2026, 12, 9))
    assert dates(got) == [D(2026, 11, 23), D(2026, 11, 25), D(2026, 12, 7), D(2026, 12, 9)]


def test_dst_weeks_keep_local_time():
    weekly = [rule(repeat="weekly", days=["za", "zo", "ma"])]
    for start in (D(2026, 3, 28), D(2026, 10, 24)):  # last Sunday of March / October 2026
        got = occurrences(weekly, [], None, start, start + dt.timedelta(days=2))
        assert [o.opens for o in got] == [T(9)] * 3
        offsets = [o.starts_at.utcoffset() for o in got]
        assert offsets[0] != offsets[2]
        assert got[1].ends_at - got[1].starts_at == dt.timedelta(hours=3)


def test_validity_period():
    summer = rule(repeat="weekly", days=["wo"], valid_from="2027-07-01", valid_to="2027-07-21")
    got = occurrences([summer], [], None, D(2027, 6, 1), D(2027, 8, 31))
    assert dates(got) == [D(2027, 7, 7), D(2027, 7, 14), D(2027, 7, 21)]


def test_every_other_week_with_validity_keeps_its_rhythm():
    every = rule(repeat="every_other_week", days=["di"], start="2026-11-10", valid_from="2026-11-20")
    got = occurrences([every], [], None, D(2026, 11, 1), D(2026, 12, 10))
    assert dates(got) == [D(2026, 11, 24), D(2026, 12, 8)]


def test_holiday_on_an_office_day_is_reported_closed():
    closures = Closures(belgian_public_holidays=True, flemish_public_service_days=False, confirmed=True)
    got = occurrences([rule(repeat="weekly", days=["wo"])], [], closures, D(2026, 11, 9), D(2026, 11, 18))
    assert got == [Occurrence(D(2026, 11, 11), closed=True, note="Wapenstilstand"),
                   Occurrence(D(2026, 11, 18), T(9), T(12))]
    assert open_occurrences(got) == got[1:]


def test_flemish_days_and_own_days():
    closures = Closures(belgian_public_holidays=False, flemish_public_service_days=True, confirmed=True,
                        days=[{"date": "2026-12-31", "name": "Oudejaarsdag"}])
    found = closure_days(closures, D(2026, 7, 1), D(2026, 12, 31))
    assert list(found) == [D(2026, 7, 11), D(2026, 11, 2), D(2026, 11, 15), D(2026, 12, 31)]
    assert found[D(2026, 12, 31)] == "Oudejaarsdag"
    assert set(flemish_days([2027])) == {D(2027, 7, 11), D(2027, 11, 2), D(2027, 11, 15)}


def test_dutch_holiday_names():
    names = public_holidays([2026])
    assert names[D(2026, 12, 25)] == "Kerstmis"
    assert names[D(2026, 7, 21)] == "Nationale feestdag"


def test_closure_mapping_is_accepted():
    got = occurrences([rule(repeat="weekly", days=["vr"])], [], {D(2026, 12, 25): "Kerstmis"},
                      D(2026, 12, 25), D(2026, 12, 25))
    assert got == [Occurrence(D(2026, 12, 25), closed=True, note="Kerstmis")]


def test_exception_closed_removes_the_day():
    closed = Exception_(date=D(2026, 11, 30), closed=True, note="Opleiding")
    got = occurrences([rule(repeat="weekly", days=["ma"])], [closed], None, D(2026, 11, 23), D(2026, 12, 7))
    assert dates(got) == [D(2026, 11, 23), D(2026, 12, 7)]


def test_exception_times_replace_and_add():
    other = Exception_(date=D(2026, 11, 30), times=["13:00-15:00"], note="Namiddag")
    extra = Exception_(date=D(2026, 12, 2), times=["10:00-11:00"])
    got = occurrences([rule(repeat="weekly", days=["ma"])], [other, extra], None, D(2026, 11, 30), D(2026, 12, 6))
    assert got == [Occurrence(D(2026, 11, 30), T(13), T(15), note="Namiddag"),
                   Occurrence(D(2026, 12, 2), T(10), T(11))]


def test_closure_wins_over_exception_times():
    extra = Exception_(date=D(2026, 12, 25), times=["10:00-11:00"])
    got = occurrences([], [extra], {D(2026, 12, 25): "Kerstmis"}, D(2026, 12, 20), D(2026, 12, 31))
    assert got == []


def test_unknown_hours_give_nothing():
    assert occurrences(None, [], None, D(2026, 1, 1), D(2026, 12, 31)) == []
    assert is_unknown(None) and not is_unknown([])


def test_next_dates_equal_the_start_of_the_year_of_occurrences():
    """next_dates looks a few weeks ahead first; it must give what the whole year gives."""
    from pathlib import Path

    from generator.data.dataset import load_dataset
    from generator.when import agenda

    data = load_dataset(Path(__file__).resolve().parents[1] / "demo" / "map")
    items = [item for org in data.organisations.values() for service in org.services
             for item in agenda.service_schedules(org, service)]
    checked = 0
    for offset in range(0, 380, 5):
        day = dt.date(2026, 11, 1) + dt.timedelta(days=offset)
        for item in items:
            year = agenda.schedule_occurrences(data, item, day, day + dt.timedelta(days=agenda.TODAY_DAYS))
            assert agenda.next_dates(data, item, day) == year[:5]
            checked += bool(year)
    assert checked > 100


def test_one_house_calendar_gives_what_each_page_would_work_out_alone():
    """The agenda, the week pages and 'today' share one calendar from the build week's Monday:
    each must show what its own stretch of dates, worked out alone, gives."""
    from pathlib import Path

    from generator.data.dataset import load_dataset
    from generator.when import agenda

    data = load_dataset(Path(__file__).resolve().parents[1] / "demo" / "map")
    for offset in range(0, 380, 3):
        today = dt.date(2026, 11, 1) + dt.timedelta(days=offset)
        calendar = agenda.HouseCalendar(data, today)
        assert calendar.agenda() == agenda.house_agenda(data, today)
        alone = {day.date: day for day in agenda.house_agenda(data, today, 1)}
        assert calendar.day(today) == alone.get(today)
        for monday in calendar.mondays:
            week = {day.date: day for day in agenda.house_agenda(data, monday, 1)}
            assert [day for day in calendar.week(monday) if day.entries or day.closed] == \
                [day for day in week.values() if day.date.weekday() < 5 or day.entries]


def test_the_house_phone_line_follows_the_house_closing_days_with_their_caveat():
    """Issue 20, item 7: one set of closing days for everything the house offers, the phone line
    (hours without a building) included, and while closures.yaml says confirmed: false every
    closure day says so."""
    from pathlib import Path

    from generator.data.dataset import load_dataset
    from generator.when.agenda import schedule_occurrences, service_schedules

    data = load_dataset(Path(__file__).resolve().parent.parent / "map")
    house = data.organisations[data.site.house_organisation]
    phone = next(service for service in house.services if service.id == "telefoon")
    closed = {occ.date: occ.note for item in service_schedules(house, phone)
              for occ in schedule_occurrences(data, item, D(2026, 11, 1), D(2026, 11, 30)) if occ.closed}
    assert closed == {D(2026, 11, 2): "Allerzielen; sluitingsdag niet bevestigd",
                      D(2026, 11, 11): "Wapenstilstand; sluitingsdag niet bevestigd"}
