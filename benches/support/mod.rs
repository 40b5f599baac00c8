//! Shared by the benchmark programs: timing statistics, the smoke switch,
//! peak memory and a simulator in a child process.
// Each benchmark program uses a different part of this module.
#![allow(dead_code)]

pub mod console;
pub mod keys_load;
pub mod load;
pub mod names;
pub mod rate;
pub mod slices;
pub mod watched;
pub mod wire;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `--smoke` (or INTAKE_BENCH_SMOKE=1) runs every figure at a tiny size, so CI
/// can check the programs still work without paying for the measurement.
pub fn smoke() -> bool {
    std::env::args().any(|a| a == "--smoke")
        || std::env::var("INTAKE_BENCH_SMOKE").is_ok_and(|v| v == "1")
}

/// The figures a bench reports for one series of samples.
pub struct Summary {
    pub samples: usize,
    pub median: Duration,
    pub p99: Duration,
    pub max: Duration,
}

pub fn summarize(mut samples: Vec<Duration>) -> Summary {
    samples.sort_unstable();
    let n = samples.len().max(1);
    let at = |q: f64| {
        samples
            .get(
                ((n as f64 * q).ceil() as usize)
                    .saturating_sub(1)
                    .min(n - 1),
            )
            .copied()
            .unwrap_or_default()
    };
    Summary {
        samples: samples.len(),
        median: at(0.5),
        p99: at(0.99),
        max: samples.last().copied().unwrap_or_default(),
    }
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Print one line of a figure: name, then median / p99 / max and a verdict
/// against the target when there is one.
pub fn report(
    name: &str,
    s: &Summary,
    target_median: Option<Duration>,
    target_p99: Option<Duration>,
) {
    let mut verdict = String::new();
    // A smoke run is a debug build at a tiny size: no verdicts from it.
    let (target_median, target_p99) = if smoke() {
        (None, None)
    } else {
        (target_median, target_p99)
    };
    if let Some(t) = target_median {
        verdict += if s.median <= t {
            " median ok"
        } else {
            " MEDIAN OVER TARGET"
        };
        verdict += &format!(" (≤ {})", ms(t));
    }
    if let Some(t) = target_p99 {
        verdict += if s.p99 <= t {
            "; p99 ok"
        } else {
            "; P99 OVER TARGET"
        };
        verdict += &format!(" (≤ {})", ms(t));
    }
    println!(
        "{name:<58} n={:<5} median {:>10}  p99 {:>10}  max {:>10}{verdict}",
        s.samples,
        ms(s.median),
        ms(s.p99),
        ms(s.max)
    );
}

/// " (within target)" or " (OVER ... TARGET)", or nothing in a smoke run.
pub fn verdict(ok: bool, target: &str) -> String {
    match (smoke(), ok) {
        (true, _) => String::new(),
        (false, true) => format!(" ({target} ok)"),
        (false, false) => format!(" (OVER {target} TARGET)"),
    }
}

/// Peak resident set of this process in MB (VmHWM), where /proc has it.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The intake binary next to this bench (target/<profile>/intake).
pub fn intake_binary() -> PathBuf {
    if let Ok(p) = std::env::var("INTAKE_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("the bench knows its own path");
    // target/<profile>/deps/<bench>-<hash> -> target/<profile>/intake
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("bench binaries live in target/<profile>/deps");
    profile_dir.join("intake")
}

/// A simulator in its own process, so its memory is not counted as ours.
pub struct ChildSim {
    child: Child,
    pub base_url: String,
    pub api_key: String,
}

impl ChildSim {
    pub fn start(args: &[&str]) -> ChildSim {
        let api_key = "bench-key".to_string();
        let mut child = Command::new(intake_binary())
            .args(["sim", "--listen", "127.0.0.1:0", "--api-key", &api_key])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start `intake sim` (build it first: cargo build --release)");
        let stdout = child.stdout.take().expect("piped stdout");
        // Keep draining its output so a late write never meets a closed pipe.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
            }
        });
        let base_url = rx.recv_timeout(Duration::from_secs(120)).ok();
        ChildSim {
            child,
            base_url: base_url.expect("the simulator prints its URL"),
            api_key,
        }
    }
}

impl Drop for ChildSim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
