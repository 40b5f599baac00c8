//! `intake [--profile P] log [--json] [--since DURATION|TIME] [--limit N]`: the audit log,
//! as a table for people or JSON lines for scripts.

use std::io::{self, Write};

use chrono::{DateTime, Duration, Utc};

use super::args::LogArgs;
use super::output::clean;
use super::stdout::quiet_broken_pipe;
use crate::audit::{self, Outcome, Record};
use crate::failure::Failure;

/// `profile`: `--profile`, to show one profile's changes only.
pub fn run(args: &LogArgs, profile: Option<&str>) -> Result<(), Failure> {
    let since = args
        .since
        .as_deref()
        .map(|s| parse_since(s, Utc::now()))
        .transpose()
        .map_err(Failure::Usage)?;
    let path = audit::default_path().map_err(|e| Failure::Usage(e.to_string()))?;
    let (records, skipped) =
        audit::read_all_as_written(&path).map_err(|e| Failure::Reported(e.to_string()))?;
    if skipped > 0 {
        super::progress::note(format_args!(
            "note: {skipped} damaged line{} of {} skipped.",
            if skipped == 1 { "" } else { "s" },
            path.display()
        ));
    }
    // `--demo` keeps its own temporary log; lines older versions wrote here
    // are fake changes, never shown.
    let records: Vec<(Record, String)> = records
        .into_iter()
        .filter(|(r, _)| !audit::is_demo(r))
        .collect();
    let mut shown: Vec<&(Record, String)> = records
        .iter()
        .filter(|(r, _)| since.is_none_or(|t| r.time >= t))
        .filter(|(r, _)| profile.is_none_or(|p| r.profile == p))
        .collect();
    if let Some(n) = args.limit {
        let skip = shown.len().saturating_sub(n);
        shown.drain(..skip);
    }
    let stdout = super::stdout::stdout();
    let mut out = stdout.lock();
    if args.json {
        // The line as written: a script sees what the file holds.
        for (_, line) in &shown {
            quiet_broken_pipe(writeln!(out, "{line}"))?;
        }
        return Ok(());
    }
    if records.is_empty() {
        super::progress::note(format_args!("The audit log {} is empty.", path.display()));
        return Ok(());
    }
    let shown: Vec<&Record> = shown.iter().map(|(r, _)| r).collect();
    quiet_broken_pipe(table(&mut out, &shown))
}

/// `30s`, `15m`, `2h`, `7d`, `2w` before `now`, or an RFC 3339 time.
pub fn parse_since(raw: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let s = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let bad = || {
        format!(
            "--since `{}` is neither a duration (e.g. 30m, 2h, 7d) nor an RFC 3339 time (e.g. 2026-11-20T09:00:00Z).",
            s.escape_default()
        )
    };
    let split = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (n, unit) = s.split_at(split);
    let n: i64 = n.parse().map_err(|_| bad())?;
    let d = match unit.trim() {
        "s" | "sec" | "secs" => Duration::try_seconds(n),
        "m" | "min" | "mins" => Duration::try_minutes(n),
        "h" | "hour" | "hours" => Duration::try_hours(n),
        "d" | "day" | "days" => Duration::try_days(n),
        "w" | "week" | "weeks" => Duration::try_weeks(n),
        _ => None,
    }
    .ok_or_else(bad)?;
    now.checked_sub_signed(d).ok_or_else(bad)
}

fn outcome_text(r: &Record) -> String {
    match r.outcome {
        Outcome::Planned => format!("planned ({} ids)", r.ids.len()),
        o => o.as_str().replace('_', " "),
    }
}

fn table(out: &mut impl Write, records: &[&Record]) -> io::Result<()> {
    let headers = [
        "TIME", "PROFILE", "HOST", "ACTION", "ID", "MERCHANT", "TERMINAL", "OUTCOME", "CODE", "RUN",
    ];
    let rows: Vec<[String; 10]> = records
        .iter()
        .map(|r| {
            let opt = |v: &Option<String>| clean(v.as_deref().unwrap_or("-"));
            [
                r.time.format("%Y-%m-%d %H:%M:%S").to_string(),
                clean(&r.profile),
                clean(&r.host),
                r.action.as_str().to_string(),
                opt(&r.id),
                opt(&r.merchant_id),
                opt(&r.terminal_id),
                outcome_text(r),
                opt(&r.error_code),
                opt(&r.run_id),
            ]
        })
        .collect();
    super::output::aligned(out, &headers, &rows, super::output::terminal_columns())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_durations_and_times() {
        let now = DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let at = |s: &str| parse_since(s, now).map(|t| t.to_rfc3339());
        assert_eq!(at("30m").as_deref(), Ok("2026-11-20T11:30:00+00:00"));
        assert_eq!(at("2h").as_deref(), Ok("2026-11-20T10:00:00+00:00"));
        assert_eq!(at("1d").as_deref(), Ok("2026-11-19T12:00:00+00:00"));
        assert_eq!(
            at("2026-11-20T09:00:00+02:00").as_deref(),
            Ok("2026-11-20T07:00:00+00:00")
        );
        for bad in ["", "m", "5y", "yesterday", "99999999999999999999d"] {
            assert!(at(bad).unwrap_err().contains("--since"), "{bad}");
        }
    }
}
