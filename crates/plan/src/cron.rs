//! Validation of Application Auto Scaling schedule expressions (`cron(...)`, `rate(...)`,
//! `at(...)`), which AWS rejects only at deploy time and no linter checks.

/// Why a schedule expression is invalid: what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleError {
    /// Lowercase sentence.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

fn error(message: impl Into<String>, help: impl Into<String>) -> ScheduleError {
    ScheduleError {
        message: message.into(),
        help: help.into(),
    }
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

struct Field {
    name: &'static str,
    low: u32,
    high: u32,
    names: &'static [&'static str],
    /// Extra characters allowed in this field (`?`, `L`, `W`, `#`).
    extras: &'static str,
}

const FIELDS: [Field; 6] = [
    Field {
        name: "minutes",
        low: 0,
        high: 59,
        names: &[],
        extras: "",
    },
    Field {
        name: "hours",
        low: 0,
        high: 23,
        names: &[],
        extras: "",
    },
    Field {
        name: "day-of-month",
        low: 1,
        high: 31,
        names: &[],
        extras: "?LW",
    },
    Field {
        name: "month",
        low: 1,
        high: 12,
        names: &MONTHS,
        extras: "",
    },
    Field {
        name: "day-of-week",
        low: 1,
        high: 7,
        names: &DAYS,
        extras: "?L#",
    },
    Field {
        name: "year",
        low: 1970,
        high: 2199,
        names: &[],
        extras: "",
    },
];

/// Checks an Application Auto Scaling schedule expression.
pub fn check_schedule(expression: &str) -> Result<(), ScheduleError> {
    let expression = expression.trim();
    if let Some(body) = strip_call(expression, "cron") {
        return check_cron(body);
    }
    if let Some(body) = strip_call(expression, "rate") {
        return check_rate(body);
    }
    if let Some(body) = strip_call(expression, "at") {
        return check_at(body);
    }
    Err(error(
        format!("`{expression}` is not a schedule expression"),
        "write `cron(minutes hours day-of-month month day-of-week year)`, e.g. `cron(0 8 ? * MON-FRI *)`, or `rate(1 hour)`",
    ))
}

fn strip_call<'a>(expression: &'a str, name: &str) -> Option<&'a str> {
    expression
        .strip_prefix(name)?
        .strip_prefix('(')?
        .strip_suffix(')')
}

fn check_rate(body: &str) -> Result<(), ScheduleError> {
    let mut parts = body.split_whitespace();
    let (Some(value), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(error(
            format!("`rate({body})` needs a value and a unit"),
            "write e.g. `rate(5 minutes)` or `rate(1 hour)`",
        ));
    };
    let value: u32 = value.parse().map_err(|_| {
        error(
            format!("`{value}` in `rate({body})` is not a positive whole number"),
            "write e.g. `rate(5 minutes)`",
        )
    })?;
    let singular = matches!(unit, "minute" | "hour" | "day");
    let plural = matches!(unit, "minutes" | "hours" | "days");
    if value == 0 || !(singular || plural) || (value == 1) != singular {
        return Err(error(
            format!("`rate({body})` is not a valid rate"),
            "use a positive value with `minute`/`hour`/`day` for 1 and `minutes`/`hours`/`days` otherwise",
        ));
    }
    Ok(())
}

fn check_at(body: &str) -> Result<(), ScheduleError> {
    let valid = body.len() == 19
        && body.char_indices().all(|(index, character)| match index {
            4 | 7 => character == '-',
            10 => character == 'T',
            13 | 16 => character == ':',
            _ => character.is_ascii_digit(),
        });
    if valid {
        Ok(())
    } else {
        Err(error(
            format!("`at({body})` is not a valid one-time schedule"),
            "write `at(yyyy-mm-ddThh:mm:ss)`, e.g. `at(2026-12-24T18:00:00)`",
        ))
    }
}

fn check_cron(body: &str) -> Result<(), ScheduleError> {
    let fields: Vec<&str> = body.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(error(
            format!(
                "`cron({body})` has {} fields; AWS cron expressions have six: minutes hours day-of-month month day-of-week year",
                fields.len()
            ),
            "add the year field (usually `*`) and use `?` for day-of-month or day-of-week, e.g. `cron(0 8 ? * MON-FRI *)`",
        ));
    }
    for (value, field) in fields.iter().zip(FIELDS.iter()) {
        check_field(value, field)?;
    }
    let (day_of_month, day_of_week) = (fields[2], fields[4]);
    match (day_of_month == "?", day_of_week == "?") {
        (true, true) => Err(error(
            format!("`cron({body})` has `?` in both day-of-month and day-of-week"),
            "put `?` in exactly one of them, e.g. `cron(0 8 * * ? *)` for every day",
        )),
        (false, false) => {
            let mut help = String::from(
                "AWS cron cannot restrict both days: put `?` in the field you do not use, e.g. `cron(0 8 ? * MON-FRI *)`",
            );
            if day_of_week
                .chars()
                .any(|character| character.is_ascii_digit())
            {
                help.push_str("; note that AWS numbers the days of the week from 1 = SUN, so `1-5` means SUN-THU, not weekdays");
            }
            Err(error(
                format!(
                    "`cron({body})` sets both day-of-month (`{day_of_month}`) and day-of-week (`{day_of_week}`)"
                ),
                help,
            ))
        }
        _ => Ok(()),
    }
}

fn check_field(value: &str, field: &Field) -> Result<(), ScheduleError> {
    let bad = |why: String| {
        error(
            format!("`{value}` is not a valid {} field: {why}", field.name),
            format!(
                "the {} field takes {}-{}{}, lists (`,`), ranges (`-`), steps (`/`) and `*`{}",
                field.name,
                field.low,
                field.high,
                if field.names.is_empty() {
                    String::new()
                } else {
                    format!(
                        " or {}-{}",
                        field.names[0],
                        field.names[field.names.len() - 1]
                    )
                },
                if field.extras.is_empty() {
                    String::new()
                } else {
                    format!(
                        " and {}",
                        field
                            .extras
                            .chars()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
        )
    };
    if value == "?" {
        return if field.extras.contains('?') {
            Ok(())
        } else {
            Err(bad(
                "`?` is only allowed in day-of-month and day-of-week".to_owned()
            ))
        };
    }
    for item in value.split(',') {
        if item.is_empty() {
            return Err(bad("empty list item".to_owned()));
        }
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => (range, Some(step)),
            None => (item, None),
        };
        if let Some(step) = step {
            match step.parse::<u32>() {
                Ok(step) if step >= 1 && step <= field.high => {}
                _ => {
                    return Err(bad(format!(
                        "step `{step}` is not between 1 and {}",
                        field.high
                    )));
                }
            }
        }
        if range == "*" {
            continue;
        }
        if field.name == "day-of-week" && range.contains('#') {
            let (day, nth) = range.split_once('#').unwrap_or((range, ""));
            parse_value(day, field).map_err(bad)?;
            match nth.parse::<u32>() {
                Ok(1..=5) => continue,
                _ => return Err(bad(format!("`#{nth}` must be 1 to 5"))),
            }
        }
        if field.extras.contains('L') && (range == "L" || range.ends_with('L')) {
            let head = range.trim_end_matches('L');
            if !head.is_empty() {
                parse_value(head, field).map_err(bad)?;
            }
            continue;
        }
        if field.extras.contains('W') && range.ends_with('W') {
            parse_value(range.trim_end_matches('W'), field).map_err(bad)?;
            continue;
        }
        match range.split_once('-') {
            Some((from, to)) => {
                let from_value = parse_value(from, field).map_err(bad)?;
                let to_value = parse_value(to, field).map_err(bad)?;
                if from_value > to_value {
                    return Err(bad(format!(
                        "the range `{range}` runs backwards; list the values instead (e.g. `FRI,SAT,SUN`)"
                    )));
                }
            }
            None => {
                parse_value(range, field).map_err(bad)?;
            }
        }
    }
    Ok(())
}

fn parse_value(text: &str, field: &Field) -> Result<u32, String> {
    if let Some(position) = field
        .names
        .iter()
        .position(|name| name.eq_ignore_ascii_case(text))
    {
        return Ok(field.low + position as u32);
    }
    match text.parse::<u32>() {
        Ok(number) if (field.low..=field.high).contains(&number) => Ok(number),
        Ok(number) => Err(format!("{number} is outside {}-{}", field.low, field.high)),
        Err(_) => Err(format!(
            "`{text}` is not a number{}",
            if field.names.is_empty() {
                ""
            } else {
                " or a name"
            }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_expressions() {
        for expression in [
            "cron(0 8 ? * MON-FRI *)",
            "cron(0 20 ? * FRI,SAT,SUN *)",
            "cron(0/15 * * * ? *)",
            "cron(0 0 L * ? *)",
            "cron(0 9 ? * 2#1 *)",
            "cron(30 6 15 JAN-MAR ? 2027)",
            "rate(1 hour)",
            "rate(15 minutes)",
            "at(2026-12-24T18:00:00)",
        ] {
            assert_eq!(check_schedule(expression), Ok(()), "{expression}");
        }
    }

    #[test]
    fn explains_the_seed_mistake() {
        let problem = check_schedule("cron(0 8 * * 1-5 *)").expect_err("both day fields set");
        assert!(problem.message.contains("both day-of-month"));
        assert!(problem.help.contains("1 = SUN"));
    }

    #[test]
    fn rejects_invalid_expressions() {
        for expression in [
            "cron(0 8 * * 1-5)",
            "cron(0 24 ? * MON *)",
            "cron(0 8 ? * 0 *)",
            "cron(0 8 ? * FRI-SUN *)",
            "cron(0 8 ? * ? *)",
            "cron(61 8 ? * MON *)",
            "rate(0 minutes)",
            "rate(1 hours)",
            "at(2026-12-24)",
            "0 8 * * 1-5",
        ] {
            assert!(check_schedule(expression).is_err(), "{expression}");
        }
    }
}
