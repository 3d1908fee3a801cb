//! Quick entry of many events: a table pasted from a spreadsheet, a document or an e-mail
//! (title, date, time, venue per line) read into rows for review, each line that cannot be
//! read reported with its number, what is wrong and what to write instead. Never creates
//! anything: the API layer turns the accepted rows into drafts.
//!
//! Columns are split on tabs (a spreadsheet paste), on `|` (a Markdown or e-mail table), or
//! on `;`; only when none of these appears, on commas (then a venue cannot hold a comma).
//! A first line naming the columns (`Title, Date, Time, Venue`) is skipped.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::{Resolved, day_text, front_matter_time, gap_message, resolve_local};

/// One event read from a line of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchRow {
    /// The line's number in the pasted text, from 1.
    pub line: u32,
    pub title: String,
    /// `YYYY-MM-DD`, in the event's zone.
    pub date: String,
    /// RFC 3339 with the offset in force that day, or the date for an all-day event.
    pub start: String,
    pub end: Option<String>,
    pub all_day: bool,
    /// IANA zone the times were read in.
    pub timezone: String,
    pub venue: Option<String>,
    /// Things worth a look that do not stop the row (a date in the past).
    pub warnings: Vec<String>,
}

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchLineError {
    pub line: u32,
    /// The line as pasted.
    pub text: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// A pasted table read: the rows to review, and the lines that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchTable {
    pub rows: Vec<BatchRow>,
    pub errors: Vec<BatchLineError>,
}

/// Reads a pasted table; times are wall-clock times in `zone`; `today` (in that zone) makes
/// a date in the past a warning.
pub fn parse_table(text: &str, zone: Tz, today: NaiveDate) -> BatchTable {
    let lines: Vec<(u32, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (u32::try_from(i + 1).unwrap_or(u32::MAX), l))
        .filter(|(_, l)| !l.trim().is_empty() && !is_rule(l))
        .collect();
    let delimiter = delimiter(lines.iter().map(|(_, l)| *l));
    let mut out = BatchTable::default();
    for (index, (number, line)) in lines.iter().enumerate() {
        let cells = split(line, delimiter);
        if index == 0 && is_header(&cells) {
            continue;
        }
        match read_row(&cells, zone, today) {
            Ok(mut row) => {
                row.line = *number;
                out.rows.push(row);
            }
            Err(message) => out.errors.push(BatchLineError {
                line: *number,
                text: line.trim_end().to_owned(),
                message,
            }),
        }
    }
    out
}

fn delimiter<'a>(mut lines: impl Iterator<Item = &'a str> + Clone) -> char {
    ['\t', '|', ';']
        .into_iter()
        .find(|d| lines.clone().any(|l| l.contains(*d)))
        .unwrap_or_else(|| {
            if lines.any(|l| l.contains(',')) {
                ','
            } else {
                '\t'
            }
        })
}

/// A Markdown table's `|---|---|` line.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

fn split(line: &str, delimiter: char) -> Vec<String> {
    let mut line = line.trim();
    if delimiter == '|' {
        line = line.strip_prefix('|').unwrap_or(line);
        line = line.strip_suffix('|').unwrap_or(line);
    }
    line.split(delimiter)
        .map(|c| c.trim().trim_matches('"').trim().to_owned())
        .collect()
}

fn is_header(cells: &[String]) -> bool {
    let first = cells.first().map(|c| c.to_lowercase()).unwrap_or_default();
    let second = cells.get(1).map(|c| c.to_lowercase()).unwrap_or_default();
    matches!(first.as_str(), "title" | "event" | "name" | "название")
        || matches!(second.as_str(), "date" | "day" | "дата")
}

fn read_row(cells: &[String], zone: Tz, today: NaiveDate) -> Result<BatchRow, String> {
    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
    if cells.len() < 2 || cell(1).is_empty() {
        return Err(
            "This line has no date. Write one event per line: title, date, time, venue — separated by tabs (as a spreadsheet pastes them), | or ;."
                .into(),
        );
    }
    if cells.len() > 4 {
        return Err(format!(
            "This line has {} columns; the table takes four: title, date, time, venue. If the venue holds a comma, separate the columns with tabs, | or ;.",
            cells.len()
        ));
    }
    let title = cell(0).to_owned();
    if title.is_empty() {
        return Err("The title is missing. Put the event's title in the first column.".into());
    }
    let date = read_date(cell(1))?;
    let (start, end) = read_times(cell(2))?;
    let venue = Some(cell(3).to_owned()).filter(|v| !v.is_empty());
    let mut warnings = Vec::new();
    if date < today {
        warnings.push(format!(
            "{} is in the past. Check the date, especially the year.",
            day_text(date)
        ));
    }
    let (start_text, end_text, all_day) = match start {
        None => (date.format("%Y-%m-%d").to_string(), None, true),
        Some(start) => {
            let at = date.and_time(start);
            let start_text = wall_time(at, zone, "The start", &mut warnings)?;
            let end_text = match end {
                None => None,
                Some(end) => {
                    // An end before the start is the next morning (an evening event).
                    let end_day = if end <= start {
                        date.succ_opt()
                    } else {
                        Some(date)
                    };
                    let end_at = end_day
                        .map(|d| d.and_time(end))
                        .ok_or("The end is out of range.")?;
                    Some(wall_time(end_at, zone, "The end", &mut warnings)?)
                }
            };
            (start_text, end_text, false)
        }
    };
    Ok(BatchRow {
        line: 0,
        title,
        date: date.format("%Y-%m-%d").to_string(),
        start: start_text,
        end: end_text,
        all_day,
        timezone: zone.name().to_owned(),
        venue,
        warnings,
    })
}

/// A wall-clock time in the zone, as front matter writes it; a time the clocks skip is an
/// error, a time that happens twice a warning.
fn wall_time(
    at: NaiveDateTime,
    zone: Tz,
    what: &str,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    match resolve_local(at, zone) {
        gap @ Resolved::Gap { .. } => Err(gap_message(what, at, zone, &gap)),
        Resolved::Twice { .. } => {
            warnings.push(format!(
                "{what} ({}) happens twice that night, when the clocks go back; the first (summer time) is used.",
                at.format("%H:%M")
            ));
            front_matter_time(at, zone, what).map_err(|e| e.to_string())
        }
        Resolved::One(_) => front_matter_time(at, zone, what).map_err(|e| e.to_string()),
    }
}

/// `2026-12-03`, `3.12.2026`, `03.12.2026`, `3/12/2026` (day first, as in Europe).
fn read_date(value: &str) -> Result<NaiveDate, String> {
    let value = value.trim();
    let formats = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y"];
    formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(value, f).ok())
        .ok_or_else(|| {
            format!(
                "“{value}” is not a date. Write it as 2026-12-03 or 3.12.2026 (day, month, year)."
            )
        })
}

/// `10:00`, `10.00`, `10`, `10:00–12:30`, `10:00-12:30`; empty for an all-day event.
fn read_times(value: &str) -> Result<(Option<NaiveTime>, Option<NaiveTime>), String> {
    let value = value.trim();
    if value.is_empty() || value.eq_ignore_ascii_case("all day") {
        return Ok((None, None));
    }
    let parts: Vec<&str> = value.split(['–', '—', '-']).map(str::trim).collect();
    let bad = || {
        format!(
            "“{value}” is not a time. Write it as 10:00, or 10:00–12:30 for a start and an end; leave it empty for an all-day event."
        )
    };
    let time = |t: &str| -> Option<NaiveTime> {
        let t = t.replace('.', ":");
        NaiveTime::parse_from_str(&t, "%H:%M").ok().or_else(|| {
            t.parse::<u32>()
                .ok()
                .and_then(|h| NaiveTime::from_hms_opt(h, 0, 0))
        })
    };
    match parts.as_slice() {
        [start] => Ok((Some(time(start).ok_or_else(bad)?), None)),
        [start, end] => Ok((
            Some(time(start).ok_or_else(bad)?),
            Some(time(end).ok_or_else(bad)?),
        )),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_spreadsheet_paste_becomes_rows_in_the_zone_with_the_offset_of_each_day() {
        let text = "Title\tDate\tTime\tVenue\n\
                    Youth café\t2027-03-27\t18:00\tKulturhuset, Luleå\n\
                    Youth café\t2027-03-28\t18:00–20:30\tKulturhuset, Luleå\n\
                    Open day\t3.4.2027\t\t\n";
        let t = parse_table(text, chrono_tz::Europe::Stockholm, day("2027-01-01"));
        assert_eq!(t.errors, []);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[0].start, "2027-03-27T18:00:00+01:00");
        assert_eq!(t.rows[0].venue.as_deref(), Some("Kulturhuset, Luleå"));
        // Summer time from 28 March.
        assert_eq!(t.rows[1].start, "2027-03-28T18:00:00+02:00");
        assert_eq!(t.rows[1].end.as_deref(), Some("2027-03-28T20:30:00+02:00"));
        assert!(t.rows[2].all_day);
        assert_eq!(t.rows[2].start, "2027-04-03");
    }

    #[test]
    fn every_bad_line_is_named_with_what_to_write() {
        let text = "| Title | Date | Time | Venue |\n|---|---|---|---|\n\
                    | Seminar | 2027-13-01 | 10:00 | Arktikum |\n\
                    | Seminar | 2027-02-01 | ten | Arktikum |\n\
                    | | 2027-02-01 | 10:00 | Arktikum |\n\
                    | Night walk | 2027-03-28 | 02:30 | Tromsø |\n\
                    | Good | 2027-02-01 | 10 | |\n";
        let t = parse_table(text, chrono_tz::Europe::Oslo, day("2027-01-01"));
        let lines: Vec<u32> = t.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6]);
        assert!(t.errors[0].message.contains("“2027-13-01” is not a date"));
        assert!(t.errors[1].message.contains("“ten” is not a time"));
        assert!(t.errors[2].message.contains("title is missing"));
        // 02:00–03:00 does not exist in Oslo on 28 March 2027.
        assert!(
            t.errors[3].message.contains("02:30") && t.errors[3].message.contains("does not exist"),
            "{}",
            t.errors[3].message
        );
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].start, "2027-02-01T10:00:00+01:00");
        assert_eq!(t.rows[0].venue, None);
    }

    #[test]
    fn past_dates_and_repeated_hours_are_warnings() {
        let text = "Late concert;2026-10-25;03:30–23:00;Rovaniemi\nOld;2020-01-01;10:00;X\n";
        let t = parse_table(text, chrono_tz::Europe::Helsinki, day("2026-06-01"));
        assert_eq!(t.errors, []);
        assert!(t.rows[0].warnings[0].contains("happens twice"));
        assert!(t.rows[1].warnings[0].contains("in the past"));
    }
}
