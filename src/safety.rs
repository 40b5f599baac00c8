//! Knowing where intake points and what it may do there: the API host shown
//! in the title, production profiles, and read-only mode with the sentences
//! that refuse a change.

/// The host whose profiles are production unless they say otherwise.
pub const PRODUCTION_HOST: &str = "service.centrapay.com";

/// Bulk runs on production larger than this ask for the count to be typed.
pub const DEFAULT_CONFIRM_TYPED_OVER: usize = 25;

/// Why changes are refused, if they are: the `--read-only` flag, the
/// profile's `read_only = true`, or both (each needs undoing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOnly {
    pub flag: bool,
    pub profile: bool,
}

impl ReadOnly {
    pub fn is_on(self) -> bool {
        self.flag || self.profile
    }

    /// How to start intake so that it makes changes again.
    fn remedy(self, profile: &str) -> String {
        match (self.flag, self.profile) {
            (true, true) => {
                format!("without --read-only and with read_only = false for profile `{profile}`")
            }
            (false, true) => format!("with read_only = false for profile `{profile}`"),
            _ => "without --read-only".to_string(),
        }
    }

    /// The console's toast when `what` (e.g. "activate requests") is refused.
    pub fn console_refusal(self, profile: &str, what: &str) -> String {
        format!(
            "Read-only: this console makes no changes. Start intake {} to {what}.",
            self.remedy(profile)
        )
    }

    /// The CLI's sentence when a change command is refused before sending.
    pub fn cli_refusal(self, profile: &str, what: &str) -> String {
        format!(
            "Read-only: nothing was sent. Run intake {} to {what}.",
            self.remedy(profile)
        )
    }
}

/// `host[:port]` of a base URL, as the title bar shows it; the port only
/// when it is not the scheme's default. Empty when the URL has no host.
pub fn host_of(base_url: &str) -> String {
    let Ok(url) = reqwest::Url::parse(base_url.trim()) else {
        return String::new();
    };
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Whether a profile at `base_url` is production when it does not say.
pub fn is_production_url(base_url: &str) -> bool {
    reqwest::Url::parse(base_url.trim())
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.eq_ignore_ascii_case(PRODUCTION_HOST))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keeps_a_port_only_when_it_is_not_the_default() {
        assert_eq!(
            host_of("https://service.centrapay.com"),
            "service.centrapay.com"
        );
        assert_eq!(
            host_of("https://service.centrapay.com:443/"),
            "service.centrapay.com"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
        assert_eq!(host_of("not a url"), "");
    }

    #[test]
    fn only_the_production_host_is_production_by_default() {
        assert!(is_production_url("https://service.centrapay.com"));
        assert!(is_production_url("https://SERVICE.centrapay.com/api"));
        assert!(!is_production_url("https://service.cp42.click"));
        assert!(!is_production_url(
            "https://service.centrapay.com.evil.example"
        ));
        assert!(!is_production_url("http://127.0.0.1:9"));
    }

    #[test]
    fn refusals_say_how_to_make_changes_again() {
        let flag = ReadOnly {
            flag: true,
            profile: false,
        };
        assert_eq!(
            flag.console_refusal("live", "activate requests"),
            "Read-only: this console makes no changes. Start intake without --read-only to activate requests."
        );
        let profile = ReadOnly {
            flag: false,
            profile: true,
        };
        assert!(
            profile
                .cli_refusal("live", "create requests")
                .contains("with read_only = false for profile `live`")
        );
        let both = ReadOnly {
            flag: true,
            profile: true,
        };
        let s = both.cli_refusal("live", "x");
        assert!(
            s.contains("--read-only") && s.contains("read_only = false"),
            "{s}"
        );
        assert!(!ReadOnly::default().is_on());
    }
}
