//! What "ready to activate" means, once: the console's detail pane, filter,
//! backlog and bulk plan, `intake show`, and the refusal `ops` makes before
//! an activation is sent. A rule of the model, so the console and the CLI
//! read it here rather than from the core; it sits beside `api` rather than
//! in it because its warning uses `validate`'s terminalId rule, which itself
//! uses the model. What it builds on, [`IntegrationRequest::blockers`] and
//! [`IntegrationRequest::needs_terminal_id`], is the model's own.

use crate::api::{Blocker, IntegrationRequest};

/// The first thing that stops it being activated, if anything does.
pub fn blocker(r: &IntegrationRequest) -> Option<Blocker> {
    r.blockers().into_iter().next()
}

/// What is refused before sending: an ePay request without a terminalId can
/// never be activated. Anything else is left to the server, whose answer
/// (already active, not pending) names who or what got there first.
pub fn refused_before_sending(r: &IntegrationRequest) -> Option<Blocker> {
    (!r.is_active() && r.needs_terminal_id()).then_some(Blocker::TerminalIdMissing)
}

/// What is odd about a request without blocking it: an ePay terminalId the
/// form would refuse (letters, or characters that are not digits). The
/// server decides whether it activates, so this only warns.
pub fn warning(r: &IntegrationRequest) -> Option<&'static str> {
    let tid = r.effective_terminal_id()?;
    if !r.kind.requires_terminal_id()
        || crate::domain::validate::validate_terminal_id(&r.kind, tid).is_ok()
    {
        return None;
    }
    Some(match tid.chars().any(char::is_alphabetic) {
        true => "terminalId has letters",
        false => "terminalId is not digits only",
    })
}

/// What `text` says of a request nothing blocks.
pub const READY: &str = "ready to activate";

/// `ready to activate`, or every blocker joined with commas.
pub fn text(r: &IntegrationRequest) -> String {
    let blockers = r.blockers();
    if blockers.is_empty() {
        return READY.to_string();
    }
    blockers
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{IntegrationType, Status};
    use crate::testkit::fixtures;

    fn req(kind: IntegrationType, status: Status, tid: Option<&str>) -> IntegrationRequest {
        fixtures::req("R1", kind, status, "M1", tid, chrono::TimeDelta::zero())
    }

    #[test]
    fn readiness_table() {
        use IntegrationType::{Epay, Windcave as Wpg};
        let cases = [
            (
                req(Wpg, Status::Pending, None),
                None,
                None,
                "ready to activate",
            ),
            (
                req(Epay, Status::Pending, Some("T1")),
                None,
                None,
                "ready to activate",
            ),
            (
                req(Epay, Status::Pending, None),
                Some(Blocker::TerminalIdMissing),
                Some(Blocker::TerminalIdMissing),
                "epay: terminalId missing",
            ),
            (
                req(Epay, Status::Rejected, None),
                Some(Blocker::NotPending),
                Some(Blocker::TerminalIdMissing),
                "not pending, epay: terminalId missing",
            ),
            (
                req(Epay, Status::Active, None),
                Some(Blocker::AlreadyActive),
                None,
                "already active",
            ),
            (
                req(Wpg, Status::Rejected, None),
                Some(Blocker::NotPending),
                None,
                "not pending",
            ),
        ];
        for (r, first, refused, shown) in cases {
            assert_eq!(blocker(&r), first, "{r:?}");
            assert_eq!(refused_before_sending(&r), refused, "{r:?}");
            assert_eq!(text(&r), shown, "{r:?}");
        }
    }
}
