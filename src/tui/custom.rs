//! Runs the config's own commands (`Effect::RunCustom`) beside the API
//! worker, never in its HTTP path: `sh -c` with each request's values
//! quoted in, in the background, stdin closed and the output captured
//! (capped), answered with `ApiEvent::CustomFinished`. The expanded line
//! may hold the API key, so only the command's name and ids are logged.

use std::process::Stdio;

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::api::Secret;
use crate::app::{ApiEvent, CustomRun};
use crate::custom::{CommandOutcome, Placeholder, RequestRun, RequestValues, Template};

/// The most output kept from one run's stdout and from its stderr.
pub const MAX_OUTPUT_BYTES: u64 = 64 * 1024;

/// Starts the runner of the config's commands beside the worker: runs go in here,
/// and their answers come out among the worker's events.
pub fn runner(
    mut worker_events: UnboundedReceiver<ApiEvent>,
    api_key: Secret,
) -> (UnboundedSender<CustomRun>, UnboundedReceiver<ApiEvent>) {
    let (run_tx, mut run_rx) = unbounded_channel::<CustomRun>();
    let (evt_tx, evt_rx) = unbounded_channel::<ApiEvent>();
    let forward = evt_tx.clone();
    tokio::spawn(async move {
        while let Some(e) = worker_events.recv().await {
            if forward.send(e).is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        while let Some(run) = run_rx.recv().await {
            let CustomRun {
                index,
                name,
                template,
                requests,
                profile,
                host,
            } = run;
            let events = evt_tx.clone();
            let key = api_key.clone();
            tokio::spawn(async move {
                let session = Session { profile, host, key };
                let outcome = run_all(&name, &template, &requests, &session).await;
                let _ = events.send(ApiEvent::CustomFinished { index, outcome });
            });
        }
    });
    (run_tx, evt_rx)
}

struct Session {
    profile: String,
    host: String,
    key: Secret,
}

/// Each request's run in turn; the outcome keeps the first failure.
async fn run_all(
    name: &str,
    template: &Template,
    requests: &[RequestValues],
    session: &Session,
) -> CommandOutcome {
    let mut outcome = CommandOutcome {
        runs: requests.len(),
        code: Some(0),
        ..CommandOutcome::default()
    };
    for r in requests {
        let line = template.expand(|f| match f {
            Placeholder::Profile => Some(session.profile.clone()),
            Placeholder::Host => Some(session.host.clone()),
            Placeholder::ApiKey => Some(session.key.expose().to_string()),
            _ => r.get(f),
        });
        tracing::info!(command = %name, id = %r.id, "running a configured command");
        match run_one(&line).await {
            Ok((code, stdout, stderr)) => {
                tracing::info!(command = %name, id = %r.id, ?code, "configured command ended");
                if code != Some(0) && outcome.code == Some(0) {
                    outcome.code = code;
                    outcome.stderr_line = stderr
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .map(str::to_string);
                }
                let many = requests.len() > 1;
                append(&mut outcome.stdout, &r.id, &stdout, many);
                append(&mut outcome.stderr, &r.id, &stderr, many);
                for part in [&stdout, &stderr] {
                    append(&mut outcome.output, &r.id, part, many);
                }
                outcome.requests.push(RequestRun {
                    id: r.id.clone(),
                    code,
                    stdout,
                    stderr,
                });
            }
            Err(e) => {
                tracing::warn!(command = %name, id = %r.id, error = %e, "configured command could not start");
                outcome.error = Some(format!("sh could not be started ({e})."));
                break;
            }
        }
    }
    outcome
}

/// `part` added to `to` on whole lines, under the request's id when the
/// command ran for several.
fn append(to: &mut String, id: &str, part: &str, many: bool) {
    if part.is_empty() {
        return;
    }
    if many {
        to.push_str(&format!("{id}:\n"));
    }
    to.push_str(part);
    if !part.ends_with('\n') {
        to.push('\n');
    }
}

/// `sh -c line`, stdin closed; each stream read up to the cap (the rest
/// is drained so the command never blocks on a full pipe).
async fn run_one(line: &str) -> std::io::Result<(Option<i32>, String, String)> {
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(line)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let (out, err, status) = tokio::join!(capped(stdout), capped(stderr), child.wait());
    Ok((status?.code(), out, err))
}

async fn capped(stream: Option<impl AsyncRead + Unpin>) -> String {
    let Some(mut stream) = stream else {
        return String::new();
    };
    let mut buf = Vec::new();
    let _ = (&mut stream)
        .take(MAX_OUTPUT_BYTES)
        .read_to_end(&mut buf)
        .await;
    let _ = tokio::io::copy(&mut stream, &mut tokio::io::sink()).await;
    let mut text = String::from_utf8_lossy(&buf).into_owned();
    if buf.len() as u64 >= MAX_OUTPUT_BYTES {
        text.push_str("\n[output cut at 64 kB]\n");
    }
    text
}
